"""S3 answers each inventory configuration's IncludedObjectVersions as it was put, as AWS does."""

from __future__ import annotations


def _config(id_: str, versions: str) -> dict:
    return {"Id": id_, "IsEnabled": True, "IncludedObjectVersions": versions, "Schedule": {"Frequency": "Weekly"},
            "Destination": {"S3BucketDestination": {"Bucket": "arn:aws:s3:::reports", "Format": "CSV"}}}


def test_included_object_versions_is_kept_and_answered_by_get_and_list(clean_emulator):
    s3 = clean_emulator.client("s3")
    s3.create_bucket(Bucket="data")
    for id_, versions in (("current", "Current"), ("all", "All")):
        s3.put_bucket_inventory_configuration(Bucket="data", Id=id_, InventoryConfiguration=_config(id_, versions))

    got = s3.get_bucket_inventory_configuration(Bucket="data", Id="current")["InventoryConfiguration"]
    assert got["IncludedObjectVersions"] == "Current"
    listed = s3.list_bucket_inventory_configurations(Bucket="data")["InventoryConfigurationList"]
    assert {c["Id"]: c["IncludedObjectVersions"] for c in listed} == {"current": "Current", "all": "All"}
