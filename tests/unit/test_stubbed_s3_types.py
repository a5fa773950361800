"""S3's named bucket configurations (intelligent tiering, metrics, inventory, analytics: several per bucket)
and the payer of two buckets, through the real discovery runner on stubbed answers of real AWS (botocore's
Stubber checks every request and answer against the service model): one call per bucket, found with the
provider's import ID, and nothing for a bucket without one."""

from __future__ import annotations

import boto3
import pytest
from botocore import xform_name
from botocore.stub import Stubber

from importer.discovery.runner import DiscoveryRunner
from importer.discovery.session import ClientFactory
from importer.specs import registry

BUCKETS = {"Buckets": [{"Name": "idn-data", "BucketRegion": "us-east-1"},
                       {"Name": "idn-bare", "BucketRegion": "us-east-1"}]}


def _discover(child: str, operation: str, answers: list[dict]):
    """Discover the two buckets and ``child``, ``operation`` answering ``answers`` (idn-data's, then idn-bare's)."""
    specs = [registry()["aws_s3_bucket"], registry()[child]]

    def stub(service: str, client) -> None:
        stubber = Stubber(client)
        stubber.add_response("list_buckets", BUCKETS)
        for bucket, answer in zip(("idn-data", "idn-bare"), answers):
            stubber.add_response(xform_name(operation), answer, {"Bucket": bucket})
        stubber.activate()
        stubbers.append(stubber)

    stubbers: list[Stubber] = []
    session = boto3.Session(aws_access_key_id="testing", aws_secret_access_key="testing", region_name="us-east-1")
    factory = ClientFactory(session, "us-east-1", frozenset(c for s in specs for c in s.calls()), instruments=(stub,))
    inventory = DiscoveryRunner(factory, max_workers=1).run(specs)
    for stubber in stubbers:
        stubber.assert_no_pending_responses()
    assert not inventory.failures and inventory.api_calls == 3
    return [o for o in inventory.objects if o.type == child]


@pytest.mark.parametrize(("child", "operation", "key", "config"), [
    ("aws_s3_bucket_intelligent_tiering_configuration", "ListBucketIntelligentTieringConfigurations",
     "IntelligentTieringConfigurationList",
     {"Id": "idn-archive", "Status": "Enabled", "Tierings": [{"Days": 125, "AccessTier": "ARCHIVE_ACCESS"}]}),
    ("aws_s3_bucket_metric", "ListBucketMetricsConfigurations", "MetricsConfigurationList", {"Id": "idn-archive"}),
    ("aws_s3_bucket_inventory", "ListBucketInventoryConfigurations", "InventoryConfigurationList",
     {"Id": "idn-archive", "IsEnabled": True, "IncludedObjectVersions": "Current", "Schedule": {"Frequency": "Weekly"},
      "Destination": {"S3BucketDestination": {"Bucket": "arn:aws:s3:::idn-logs", "Format": "CSV"}}}),
    ("aws_s3_bucket_analytics_configuration", "ListBucketAnalyticsConfigurations", "AnalyticsConfigurationList",
     {"Id": "idn-archive", "StorageClassAnalysis": {}}),
])
def test_named_bucket_configurations_are_found_per_bucket_as_bucket_colon_id(child, operation, key, config):
    second = {**config, "Id": "idn-second"}
    found = _discover(child, operation, [{"IsTruncated": False, key: [config, second]}, {"IsTruncated": False}])
    assert [o.import_id for o in found] == ["idn-data:idn-archive", "idn-data:idn-second"]
    assert found[0].identity == {"bucket": "idn-data", "name": "idn-archive"}
    assert found[0].references == {"bucket": "idn-data"}


def test_only_a_bucket_whose_requester_pays_has_a_request_payment_configuration():
    found = _discover("aws_s3_bucket_request_payment_configuration", "GetBucketRequestPayment",
                      [{"Payer": "Requester"}, {"Payer": "BucketOwner"}])
    assert [(o.import_id, o.attributes["payer"]) for o in found] == [("idn-data", "Requester")]
