"""S3 keeps a bucket's intelligent-tiering, metrics and analytics configurations by id, as AWS does."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

TIERING = {"Id": "archive", "Status": "Enabled", "Filter": {"Prefix": "logs/"},
           "Tierings": [{"Days": 90, "AccessTier": "ARCHIVE_ACCESS"}, {"Days": 180, "AccessTier": "DEEP_ARCHIVE_ACCESS"}]}


def test_configurations_are_kept_listed_read_and_deleted_per_bucket(clean_emulator):
    s3 = clean_emulator.client("s3")
    for bucket in ("data", "other"):
        s3.create_bucket(Bucket=bucket)
    s3.put_bucket_intelligent_tiering_configuration(Bucket="data", Id="archive", IntelligentTieringConfiguration=TIERING)
    s3.put_bucket_metrics_configuration(Bucket="data", Id="whole", MetricsConfiguration={"Id": "whole"})
    s3.put_bucket_analytics_configuration(Bucket="data", Id="whole", AnalyticsConfiguration={
        "Id": "whole", "StorageClassAnalysis": {}})

    got = s3.get_bucket_intelligent_tiering_configuration(Bucket="data", Id="archive")
    assert got["IntelligentTieringConfiguration"] == TIERING
    assert s3.list_bucket_metrics_configurations(Bucket="data")["MetricsConfigurationList"] == [{"Id": "whole"}]
    assert [c["Id"] for c in s3.list_bucket_analytics_configurations(Bucket="data")["AnalyticsConfigurationList"]] \
        == ["whole"]
    assert "IntelligentTieringConfigurationList" not in s3.list_bucket_intelligent_tiering_configurations(Bucket="other")

    s3.delete_bucket_metrics_configuration(Bucket="data", Id="whole")
    with pytest.raises(ClientError, match="NoSuchConfiguration"):
        s3.get_bucket_metrics_configuration(Bucket="data", Id="whole")
    assert sorted(b["Name"] for b in s3.list_buckets()["Buckets"]) == ["data", "other"]  # no bucket made or deleted
