"""Databases ("dbx-"): an Aurora PostgreSQL cluster with its instance and parameter group, an option group.

The cluster's master password is kept by RDS in Secrets Manager (``ManageMasterUserPassword``), as the
fixtures declare it: no password is ever written or read.
"""

from __future__ import annotations

from emulator.scenario.catalogue.shared import once
from emulator.scenario.context import BuildContext

CLUSTER = "dbx-orders"


def network(ctx: BuildContext) -> tuple[str, list[str]]:
    """The dbx-data VPC and its two private subnets (made once per build): VPC ID and subnet IDs."""
    def make() -> None:
        ec2 = ctx.client("ec2")
        vpc = ec2.create_vpc(CidrBlock="10.70.0.0/16", TagSpecifications=[
            {"ResourceType": "vpc", "Tags": [{"Key": "Name", "Value": "dbx-data"}]}])["Vpc"]["VpcId"]
        ctx.record("aws_vpc", vpc, None)
        subnets = []
        for index, zone in enumerate(("us-east-1a", "us-east-1b"), start=1):
            subnet = ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.70.{index}.0/24", AvailabilityZone=zone,
                                       TagSpecifications=[{"ResourceType": "subnet", "Tags": [
                                           {"Key": "Name", "Value": f"dbx-data-{zone[-1]}"}]}])["Subnet"]["SubnetId"]
            ctx.record("aws_subnet", subnet, None)
            subnets.append(subnet)
        ctx.ids["dbx-network"] = (vpc, subnets)
    if "dbx-network" not in ctx.ids:
        make()
    return ctx.ids["dbx-network"]


def _cluster(ctx: BuildContext) -> None:
    """dbx-orders: Aurora PostgreSQL 15.4 with its own cluster parameter group, password kept by RDS."""
    def make() -> None:
        rds = ctx.client("rds")
        rds.create_db_cluster_parameter_group(DBClusterParameterGroupName="dbx-orders",
                                              DBParameterGroupFamily="aurora-postgresql15",
                                              Description="dbx-orders cluster settings")
        ctx.record("aws_rds_cluster_parameter_group", "dbx-orders", None)
        rds.create_db_cluster(DBClusterIdentifier=CLUSTER, Engine="aurora-postgresql", EngineVersion="15.4",
                              DatabaseName="orders", MasterUsername="orders_admin", ManageMasterUserPassword=True,
                              DBClusterParameterGroupName="dbx-orders", BackupRetentionPeriod=7,
                              StorageEncrypted=True)
        ctx.record("aws_rds_cluster", CLUSTER, None)
    once(ctx, "dbx-cluster", make)


def rds_cluster_instance(ctx: BuildContext) -> None:
    """dbx-orders-1, the cluster's writer."""
    _cluster(ctx)
    ctx.client("rds").create_db_instance(DBInstanceIdentifier="dbx-orders-1", DBClusterIdentifier=CLUSTER,
                                         Engine="aurora-postgresql", DBInstanceClass="db.r6g.large")
    ctx.record("aws_rds_cluster_instance", "dbx-orders-1", None)


def db_option_group(ctx: BuildContext) -> None:
    """dbx-legacy: a MySQL 8.0 option group without options."""
    ctx.client("rds").create_option_group(OptionGroupName="dbx-legacy", EngineName="mysql", MajorEngineVersion="8.0",
                                          OptionGroupDescription="dbx-legacy options")
    ctx.record("aws_db_option_group", "dbx-legacy", None)


BUILDERS = {
    "aws_rds_cluster": _cluster,
    "aws_rds_cluster_parameter_group": _cluster,
    "aws_rds_cluster_instance": rds_cluster_instance,
    "aws_db_option_group": db_option_group,
}
