"""S3 answers a bucket's ACL with one grant per grantee and permission, as AWS does."""

from __future__ import annotations

LOG_DELIVERY = "http://acs.amazonaws.com/groups/s3/LogDelivery"


def test_a_log_delivery_write_bucket_gives_log_delivery_write_and_read_acp(clean_emulator):
    s3 = clean_emulator.client("s3")
    s3.create_bucket(Bucket="logs")
    s3.create_bucket(Bucket="plain")
    s3.put_bucket_acl(Bucket="logs", ACL="log-delivery-write")

    grants = s3.get_bucket_acl(Bucket="logs")["Grants"]
    assert sorted(g["Permission"] for g in grants if g["Grantee"].get("URI") == LOG_DELIVERY) == ["READ_ACP", "WRITE"]
    assert [g["Permission"] for g in grants if g["Grantee"]["Type"] == "CanonicalUser"] == ["FULL_CONTROL"]
    assert [g["Permission"] for g in s3.get_bucket_acl(Bucket="plain")["Grants"]] == ["FULL_CONTROL"]
