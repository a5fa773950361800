"""CloudFront lists the emulator did not route: cache, origin request and response headers policies, and
origin access identities.

AWS: ``ListCachePolicies``, ``ListOriginRequestPolicies``, ``ListResponseHeadersPolicies`` (``Type=custom``)
and ``ListCloudFrontOriginAccessIdentities`` answer an empty list for an account that has none. moto had no
route for them (HTTP 404), so discovering an account failed for those types. They answer empty lists here
(creating these objects stays unsupported: those types are proven by unit tests).
"""

from __future__ import annotations

from typing import Any

_LISTS = {
    "cache-policy": ("list_cache_policies", "CachePolicyList", False),
    "origin-request-policy": ("list_origin_request_policies", "OriginRequestPolicyList", False),
    "response-headers-policy": ("list_response_headers_policies", "ResponseHeadersPolicyList", False),
    "origin-access-identity/cloudfront": ("list_cloud_front_origin_access_identities",
                                          "CloudFrontOriginAccessIdentityList", True),
}


def _lister(key: str, marked: bool) -> Any:
    def answer(self: Any) -> Any:
        from moto.core.responses import ActionResult

        page: dict[str, Any] = {"MaxItems": 100, "Quantity": 0, "Items": []}
        if marked:
            page.update({"Marker": "", "IsTruncated": False})
        return ActionResult({key: page})

    return answer


def apply() -> None:
    """Route the four list calls to empty answers."""
    from moto.cloudfront import urls
    from moto.cloudfront.responses import CloudFrontResponse

    for path, (method, key, marked) in _LISTS.items():
        urls.url_paths.setdefault(f"{{0}}/2020-05-31/{path}$", CloudFrontResponse.dispatch)
        if not hasattr(CloudFrontResponse, method):
            setattr(CloudFrontResponse, method, _lister(key, marked))
