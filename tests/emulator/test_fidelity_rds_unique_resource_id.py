"""Two RDS instances have two resource IDs, and each can be found by its own."""

from __future__ import annotations


def test_each_db_instance_has_its_own_resource_id(clean_emulator):
    rds = clean_emulator.client("rds")
    ids = {}
    for name in ("first-db", "second-db"):
        ids[name] = rds.create_db_instance(
            DBInstanceIdentifier=name, Engine="postgres", DBInstanceClass="db.t4g.micro", AllocatedStorage=20,
            MasterUsername="admin_user", ManageMasterUserPassword=True)["DBInstance"]["DbiResourceId"]
    assert ids["first-db"] != ids["second-db"]
    for name, resource_id in ids.items():
        found = rds.describe_db_instances(Filters=[{"Name": "dbi-resource-id", "Values": [resource_id]}])
        assert [db["DBInstanceIdentifier"] for db in found["DBInstances"]] == [name]
