"""Auto Scaling groups and policies answer the fields AWS answers (capacity reservation preference,
a policy's Enabled, no predictive configuration on a target tracking policy)."""

from __future__ import annotations


def _group(emulator) -> None:
    template = emulator.client("ec2").create_launch_template(LaunchTemplateName="net-fid", LaunchTemplateData={
        "ImageId": "ami-1e749f67"})["LaunchTemplate"]["LaunchTemplateId"]
    emulator.client("autoscaling").create_auto_scaling_group(
        AutoScalingGroupName="net-fid", LaunchTemplate={"LaunchTemplateId": template}, MinSize=0, MaxSize=1,
        AvailabilityZones=["us-east-1a"])


def test_a_group_answers_the_default_capacity_reservation_preference(clean_emulator):
    _group(clean_emulator)
    group = clean_emulator.client("autoscaling").describe_auto_scaling_groups()["AutoScalingGroups"][0]
    assert group["CapacityReservationSpecification"] == {"CapacityReservationPreference": "default"}


def test_a_policy_is_enabled_unless_disabled_and_predictive_only_when_predictive(clean_emulator):
    _group(clean_emulator)
    autoscaling = clean_emulator.client("autoscaling")
    autoscaling.put_scaling_policy(
        AutoScalingGroupName="net-fid", PolicyName="cpu", PolicyType="TargetTrackingScaling",
        TargetTrackingConfiguration={"PredefinedMetricSpecification": {
            "PredefinedMetricType": "ASGAverageCPUUtilization"}, "TargetValue": 50.0})
    autoscaling.put_scaling_policy(AutoScalingGroupName="net-fid", PolicyName="step", PolicyType="SimpleScaling",
                                   AdjustmentType="ChangeInCapacity", ScalingAdjustment=1, Enabled=False)
    policies = {p["PolicyName"]: p for p in autoscaling.describe_policies()["ScalingPolicies"]}
    assert (policies["cpu"]["Enabled"], policies["step"]["Enabled"]) == (True, False)
    assert "PredictiveScalingConfiguration" not in policies["cpu"]
