"""Net types the emulator does not serve (placement groups), through the real discovery runner on stubbed answers
of real AWS (botocore's Stubber checks every request and answer against the service model): one list call, the
object found with the provider's import ID (the group's name), a deleted group skipped."""

from __future__ import annotations

import boto3
from botocore.stub import Stubber

from importer.discovery.runner import DiscoveryRunner
from importer.discovery.session import ClientFactory
from importer.specs import registry

ANSWER = {"PlacementGroups": [
    {"GroupName": "net-hpc", "GroupId": "pg-0fb1a2b3c4d5e6f70", "State": "available", "Strategy": "cluster",
     "GroupArn": "arn:aws:ec2:us-east-1:123456789012:placement-group/net-hpc"},
    {"GroupName": "net-old", "GroupId": "pg-0aa1a2b3c4d5e6f71", "State": "deleted", "Strategy": "spread",
     "SpreadLevel": "rack"},
]}


def test_one_describe_call_finds_the_placement_group_by_its_name():
    spec = registry()["aws_placement_group"]
    stubbers: list[Stubber] = []

    def stub(service: str, client) -> None:
        stubber = Stubber(client)
        stubber.add_response("describe_placement_groups", ANSWER, None)
        stubber.activate()
        stubbers.append(stubber)

    session = boto3.Session(aws_access_key_id="testing", aws_secret_access_key="testing", region_name="us-east-1")
    factory = ClientFactory(session, "us-east-1", frozenset(spec.calls()), instruments=(stub,))
    inventory = DiscoveryRunner(factory, max_workers=1).run([spec])
    for stubber in stubbers:
        stubber.assert_no_pending_responses()
    assert not inventory.failures and inventory.api_calls == 1
    [found] = inventory.objects
    assert (found.import_id, found.identity) == ("net-hpc", {"name": "net-hpc", "strategy": "cluster"})
    assert set(found.aliases) == {"pg-0fb1a2b3c4d5e6f70", "arn:aws:ec2:us-east-1:123456789012:placement-group/net-hpc"}
