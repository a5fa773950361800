"""Database-group types the emulator does not serve, through the real discovery runner on stubbed answers
of real AWS (botocore's Stubber checks every request and answer against the service model): each object is
found with the provider's import ID, AWS defaults are left out, and no call beyond the ones listed is made."""

from __future__ import annotations

from datetime import datetime, timezone

import boto3
import pytest
from botocore import xform_name
from botocore.stub import Stubber

from importer.discovery.runner import DiscoveryRunner
from importer.discovery.session import ClientFactory
from importer.specs import registry

ACCOUNT = "123456789012"
NOW = datetime(2026, 1, 1, tzinfo=timezone.utc)


def _file_system(file_system_id: str) -> dict:
    return {"OwnerId": ACCOUNT, "CreationToken": file_system_id, "FileSystemId": file_system_id,
            "FileSystemArn": f"arn:aws:elasticfilesystem:us-east-1:{ACCOUNT}:file-system/{file_system_id}",
            "CreationTime": NOW, "LifeCycleState": "available", "NumberOfMountTargets": 0,
            "SizeInBytes": {"Value": 6144}, "PerformanceMode": "generalPurpose", "Tags": []}

# type -> (the specs to run, parents first), [(service, operation, expected params or None, answer)], import IDs
CASES = {
    "aws_elasticache_parameter_group": (["aws_elasticache_parameter_group"], [
        ("elasticache", "DescribeCacheParameterGroups", None, {"CacheParameterGroups": [
            {"CacheParameterGroupName": "default.redis7", "CacheParameterGroupFamily": "redis7",
             "Description": "Default parameter group for redis7", "IsGlobal": False,
             "ARN": f"arn:aws:elasticache:us-east-1:{ACCOUNT}:parametergroup:default.redis7"},
            {"CacheParameterGroupName": "dbx-sessions", "CacheParameterGroupFamily": "redis7",
             "Description": "dbx sessions", "IsGlobal": False,
             "ARN": f"arn:aws:elasticache:us-east-1:{ACCOUNT}:parametergroup:dbx-sessions"}]}),
    ], ["dbx-sessions"]),
    # A file system with a backup policy and one without (PolicyNotFound: nothing there, no error).
    "aws_efs_backup_policy": (["aws_efs_file_system", "aws_efs_backup_policy"], [
        ("efs", "DescribeFileSystems", None, {"FileSystems": [_file_system("fs-0a1b2c3d"), _file_system("fs-9f8e7d6c")]}),
        ("efs", "DescribeBackupPolicy", {"FileSystemId": "fs-0a1b2c3d"}, {"BackupPolicy": {"Status": "ENABLED"}}),
        ("efs", "DescribeBackupPolicy", {"FileSystemId": "fs-9f8e7d6c"}, "PolicyNotFound"),
    ], ["fs-0a1b2c3d"]),
}


def run(type_name: str):
    """Discover ``type_name`` (and its parents) on the stubbed answers; the inventory and pending stubs."""
    spec_types, answers, _ = CASES[type_name]
    specs = [registry()[t] for t in spec_types]
    stubbers: dict[str, Stubber] = {}

    def stub(service: str, client) -> None:
        stubbers[service] = Stubber(client)

    session = boto3.Session(aws_access_key_id="testing", aws_secret_access_key="testing", region_name="us-east-1")
    allowed = frozenset(call for spec in specs for call in spec.calls())
    factory = ClientFactory(session, "us-east-1", allowed, instruments=(stub,))
    for service in {service for service, *_ in answers}:
        factory.client(service)
    for service, operation, params, answer in answers:
        if isinstance(answer, str):  # an error code
            stubbers[service].add_client_error(xform_name(operation), answer, expected_params=params)
        else:
            stubbers[service].add_response(xform_name(operation), answer, params)
    for stubber in stubbers.values():
        stubber.activate()
    inventory = DiscoveryRunner(factory, max_workers=1).run(specs, wanted={type_name})
    for stubber in stubbers.values():
        stubber.assert_no_pending_responses()
    return inventory


@pytest.mark.parametrize("type_name", sorted(CASES))
def test_the_object_is_found_with_its_import_id_and_defaults_are_left_out(type_name):
    inventory = run(type_name)
    assert not inventory.failures
    assert inventory.api_calls == len(CASES[type_name][1])  # no retry, no call beyond the stubbed ones
    assert sorted(o.import_id for o in inventory.objects if o.type == type_name) == CASES[type_name][2]


def test_every_unit_proven_dbx_type_has_a_case():
    from importer.specs import table

    unit = {t for t, how in table.proof().items() if how.startswith("unit: ")
            and registry()[t].service in ("elasticache", "efs", "backup", "rds", "dynamodb")}
    assert "aws_elasticache_parameter_group" in unit and sorted(unit - set(CASES)) == []
