"""Security group rules that reference another group keep their description, as in AWS."""

from __future__ import annotations


def _rules(ec2, group_id: str, egress: bool) -> list[dict]:
    rules = ec2.describe_security_group_rules(Filters=[{"Name": "group-id", "Values": [group_id]}])
    return [rule for rule in rules["SecurityGroupRules"] if rule["IsEgress"] is egress]


def test_referenced_group_rule_description_is_returned(clean_emulator):
    ec2 = clean_emulator.client("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.99.0.0/16")["Vpc"]["VpcId"]
    app = ec2.create_security_group(GroupName="app", Description="app", VpcId=vpc)["GroupId"]
    db = ec2.create_security_group(GroupName="db", Description="db", VpcId=vpc)["GroupId"]
    ec2.authorize_security_group_ingress(GroupId=db, IpPermissions=[{
        "IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432,
        "UserIdGroupPairs": [{"GroupId": app, "Description": "PostgreSQL from app"}]}])
    ec2.authorize_security_group_egress(GroupId=app, IpPermissions=[{
        "IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432,
        "UserIdGroupPairs": [{"GroupId": db, "Description": "PostgreSQL"}]}])

    [ingress] = _rules(ec2, db, egress=False)
    assert ingress["Description"] == "PostgreSQL from app"
    assert ingress["ReferencedGroupInfo"]["GroupId"] == app
    egress = [rule for rule in _rules(ec2, app, egress=True) if "ReferencedGroupInfo" in rule]
    assert [rule["Description"] for rule in egress] == ["PostgreSQL"]


def test_modified_description_wins_and_cidr_rules_are_unchanged(clean_emulator):
    ec2 = clean_emulator.client("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.98.0.0/16")["Vpc"]["VpcId"]
    app = ec2.create_security_group(GroupName="app", Description="app", VpcId=vpc)["GroupId"]
    db = ec2.create_security_group(GroupName="db", Description="db", VpcId=vpc)["GroupId"]
    ec2.authorize_security_group_ingress(GroupId=db, IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432,
         "UserIdGroupPairs": [{"GroupId": app, "Description": "before"}]},
        {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443,
         "IpRanges": [{"CidrIp": "10.0.0.0/8", "Description": "internal"}]},
    ])
    rules = {rule["FromPort"]: rule for rule in _rules(ec2, db, egress=False)}
    assert rules[443]["Description"] == "internal"
    ec2.modify_security_group_rules(GroupId=db, SecurityGroupRules=[{
        "SecurityGroupRuleId": rules[5432]["SecurityGroupRuleId"],
        "SecurityGroupRule": {"IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432,
                              "ReferencedGroupId": app, "Description": "after"}}])
    rules = {rule["FromPort"]: rule for rule in _rules(ec2, db, egress=False)}
    assert rules[5432]["Description"] == "after"
