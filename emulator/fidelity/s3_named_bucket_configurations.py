"""S3 keeps a bucket's named intelligent-tiering, metrics and analytics configurations
(``?intelligent-tiering``, ``?metrics``, ``?analytics`` with ``id``: Put, Get, List, Delete; a missing
one is ``NoSuchConfiguration``). The emulator had no route for any of them: a GET listed the bucket's
objects (read as no configuration), a PUT was taken for CreateBucket and kept nothing, a DELETE was
taken for DeleteBucket."""

from __future__ import annotations

from typing import Any

# query key -> (operation stem, response member): Get<stem>, Put<stem>, Delete<stem>, List<stem>s
KINDS = {
    "intelligent-tiering": ("BucketIntelligentTieringConfiguration", "IntelligentTieringConfiguration"),
    "metrics": ("BucketMetricsConfiguration", "MetricsConfiguration"),
    "analytics": ("BucketAnalyticsConfiguration", "AnalyticsConfiguration"),
}


def _kind(querystring: dict[str, Any]) -> str | None:
    return next((key for key in KINDS if key in querystring), None)


def _kept(bucket: Any, kind: str) -> dict[str, dict]:
    """The bucket's configurations of ``kind`` by id (kept on the bucket, so a reset forgets them)."""
    if not hasattr(bucket, "named_configurations"):
        bucket.named_configurations = {key: {} for key in KINDS}
    return bucket.named_configurations[kind]


def _parse(operation: str, member: str, body: bytes) -> dict:
    """The configuration in a Put body, typed by the service model (lists, numbers, booleans)."""
    import botocore.session
    from botocore.parsers import RestXMLParser

    shape = botocore.session.get_session().get_service_model("s3").operation_model(operation).input_shape.members[member]
    parser = RestXMLParser()
    return parser._parse_shape(shape, parser._parse_xml_string_to_dom(body))


def apply() -> None:
    """Route the three kinds' Put, Get, List and Delete to configurations kept per bucket."""
    from moto.core.responses import ActionResult
    from moto.s3.exceptions import S3ClientError
    from moto.s3.responses import S3Response

    class NoSuchConfiguration(S3ClientError):
        code = "NoSuchConfiguration"

        def __init__(self) -> None:
            super().__init__("NoSuchConfiguration", "The specified configuration does not exist.")

    get, put, delete = S3Response._bucket_response_get, S3Response._bucket_response_put, \
        S3Response._bucket_response_delete

    def bucket_response_get(self: Any, bucket_name: str, querystring: dict[str, Any]) -> Any:
        kind = _kind(querystring)
        if kind is None:
            return get(self, bucket_name, querystring)
        self._set_action("BUCKET", "GET", querystring)
        self._authenticate_and_authorize_s3_action(bucket_name=bucket_name)
        stem, member = KINDS[kind]
        kept = _kept(self.backend.get_bucket(bucket_name), kind)
        if "id" not in querystring:
            self.data["Action"] = f"List{stem}s"
            return self.serialized(ActionResult({f"{member}List": list(kept.values()), "IsTruncated": False}))
        config = kept.get(querystring["id"][0])
        if config is None:
            raise NoSuchConfiguration()
        self.data["Action"] = f"Get{stem}"
        return self.serialized(ActionResult({member: config}))

    def bucket_response_put(self: Any, request: Any, bucket_name: str, querystring: dict[str, Any]) -> Any:
        kind = _kind(querystring)
        if kind is None:
            return put(self, request, bucket_name, querystring)
        self._set_action("BUCKET", "PUT", querystring)
        self._authenticate_and_authorize_s3_action(bucket_name=bucket_name)
        stem, member = KINDS[kind]
        config = _parse(f"Put{stem}", member, self.body)
        _kept(self.backend.get_bucket(bucket_name), kind)[querystring["id"][0]] = config
        return 200, {}, ""

    def bucket_response_delete(self: Any, bucket_name: str, querystring: dict[str, Any]) -> Any:
        kind = _kind(querystring)
        if kind is None:
            return delete(self, bucket_name, querystring)
        self._set_action("BUCKET", "DELETE", querystring)
        self._authenticate_and_authorize_s3_action(bucket_name=bucket_name)
        _kept(self.backend.get_bucket(bucket_name), kind).pop(querystring["id"][0], None)
        return 204, {}, ""

    S3Response._bucket_response_get = bucket_response_get
    S3Response._bucket_response_put = bucket_response_put
    S3Response._bucket_response_delete = bucket_response_delete
