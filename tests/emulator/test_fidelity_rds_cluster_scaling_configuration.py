"""Only a serverless (v1) cluster reports a ScalingConfigurationInfo, as in AWS."""

from __future__ import annotations


def test_a_provisioned_cluster_has_no_scaling_configuration(clean_emulator):
    rds = clean_emulator.client("rds")
    rds.create_db_cluster(DBClusterIdentifier="prov", Engine="aurora-postgresql", MasterUsername="admin_user",
                          ManageMasterUserPassword=True)
    rds.create_db_cluster(DBClusterIdentifier="slv1", Engine="aurora-mysql", EngineMode="serverless",
                          MasterUsername="admin_user", ManageMasterUserPassword=True,
                          ScalingConfiguration={"MinCapacity": 2, "MaxCapacity": 8})
    clusters = {c["DBClusterIdentifier"]: c for c in rds.describe_db_clusters()["DBClusters"]}
    assert "ScalingConfigurationInfo" not in clusters["prov"]
    assert clusters["slv1"]["ScalingConfigurationInfo"]["MaxCapacity"] == 8
