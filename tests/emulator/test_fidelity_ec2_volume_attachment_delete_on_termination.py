"""Volume attachments say whether the volume goes with its instance, as in AWS."""

from __future__ import annotations


def test_root_volume_goes_with_the_instance_and_an_attached_one_stays(clean_emulator):
    ec2 = clean_emulator.client("ec2")
    instance = ec2.run_instances(ImageId="ami-1e749f67", InstanceType="t3.micro", MinCount=1,
                                 MaxCount=1)["Instances"][0]["InstanceId"]
    data = ec2.create_volume(AvailabilityZone="us-east-1a", Size=1)["VolumeId"]
    ec2.attach_volume(VolumeId=data, InstanceId=instance, Device="/dev/sdf")
    attached = {a["Device"]: a["DeleteOnTermination"] for v in ec2.describe_volumes()["Volumes"]
                for a in v["Attachments"]}
    assert attached == {"/dev/sda1": True, "/dev/sdf": False}
