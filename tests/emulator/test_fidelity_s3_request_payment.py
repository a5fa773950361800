"""S3 keeps and answers who pays for a bucket's requests, as AWS does."""

from __future__ import annotations


def test_the_payer_is_the_owner_until_set_to_the_requester(clean_emulator):
    s3 = clean_emulator.client("s3")
    s3.create_bucket(Bucket="shared")
    s3.create_bucket(Bucket="own")
    assert s3.get_bucket_request_payment(Bucket="shared")["Payer"] == "BucketOwner"

    s3.put_bucket_request_payment(Bucket="shared", RequestPaymentConfiguration={"Payer": "Requester"})
    assert s3.get_bucket_request_payment(Bucket="shared")["Payer"] == "Requester"
    assert s3.get_bucket_request_payment(Bucket="own")["Payer"] == "BucketOwner"
    assert sorted(b["Name"] for b in s3.list_buckets()["Buckets"]) == ["own", "shared"]  # the PUT made no bucket
