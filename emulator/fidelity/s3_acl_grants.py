"""S3 answers GetBucketAcl with one grant per grantee and permission: the canned ACL
``log-delivery-write`` is the owner's FULL_CONTROL plus LogDelivery's WRITE and READ_ACP. The
emulator kept both permissions in one grant but answered only the first, so a log bucket seemed to
give LogDelivery READ_ACP alone (and ``aws_s3_bucket_acl`` read back other grants than AWS's)."""

from __future__ import annotations

from typing import Any


def apply() -> None:
    """Answer every (grantee, permission) pair of every grant."""
    from moto.s3.responses import S3Response

    original = S3Response._acl_to_dict

    def acl_to_dict(acl: Any) -> dict[str, Any]:
        answer = original(acl)
        answer["Grants"] = [
            {"Grantee": {"Type": grantee.type, "URI": grantee.uri or None, "ID": grantee.id or None,
                         "DisplayName": grantee.display_name or None}, "Permission": permission}
            for grant in acl.grants for grantee in grant.grantees for permission in grant.permissions
        ]
        return answer

    S3Response._acl_to_dict = staticmethod(acl_to_dict)
