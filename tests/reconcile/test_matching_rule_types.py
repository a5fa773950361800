"""A security group or network ACL rule is one AWS object two styles of code can describe: a rule type of its
own (aws_security_group_rule and aws_vpc_security_group_*_rule both), or a block inline in its group or ACL.
Whichever the code uses, the rule is that code's, never unmanaged, and a rule no code describes is listed once."""

from __future__ import annotations

import json

from importer.desired.config import load_config
from importer.discovery.inventory import Inventory, LiveObject
from importer.graph.references import ReferenceGraph
from importer.matching.matcher import reconcile
from importer.specs import registry
from importer.state.reader import TerraformState

HTTPS = {"type": "ingress", "protocol": "tcp", "from_port": "443", "to_port": "443", "cidr_blocks": ["0.0.0.0/0"]}
SSH = {"type": "ingress", "protocol": "tcp", "from_port": "22", "to_port": "22", "cidr_blocks": ["10.0.0.0/8"]}
EGRESS = {"ip_protocol": "-1", "cidr_ipv4": "0.0.0.0/0"}


def _reconcile(tmp_path, resources: dict, objects: list[LiveObject]):
    path = tmp_path / "main.tf.json"
    path.write_text(json.dumps({"resource": resources}))
    loaded = load_config(path)
    inventory = Inventory(region="us-east-1", objects=objects, failures=[], types=sorted(registry()))
    return reconcile(loaded, ReferenceGraph(loaded).dependency_order(), TerraformState("none", False), inventory,
                     registry())


def _rule(type_name: str, import_id: str, identity: dict, group: str, rule_id: str) -> LiveObject:
    aliases = (rule_id,) if type_name == "aws_security_group_rule" else ()
    return LiveObject(type_name, import_id, identity, {"security_group_id": group}, aliases)


def _group_and_rules(group: str) -> list[LiveObject]:
    """A group with three rules, each discovered under the legacy type and under the per-direction type."""
    return [
        LiveObject("aws_security_group", group, {"name": "web"}, {}, ("web",)),
        _rule("aws_security_group_rule", f"{group}_ingress_tcp_443_443_0.0.0.0/0", HTTPS, group, "sgr-1"),
        _rule("aws_security_group_rule", f"{group}_ingress_tcp_22_22_10.0.0.0/8", SSH, group, "sgr-2"),
        _rule("aws_security_group_rule", f"{group}_egress_-1_0_0_0.0.0.0/0",
              {"type": "egress", "protocol": "-1", "cidr_blocks": ["0.0.0.0/0"]}, group, "sgr-3"),
        _rule("aws_vpc_security_group_ingress_rule", "sgr-1", {"ip_protocol": "tcp", "from_port": "443"}, group, ""),
        _rule("aws_vpc_security_group_ingress_rule", "sgr-2", {"ip_protocol": "tcp", "from_port": "22"}, group, ""),
        _rule("aws_vpc_security_group_egress_rule", "sgr-3", EGRESS, group, ""),
    ]


def test_rules_written_in_both_styles_are_each_the_codes_and_an_undescribed_rule_is_listed_once(tmp_path):
    group = "${aws_security_group.web.id}"
    result = _reconcile(tmp_path, {
        "aws_security_group": {"web": {"name": "web"}},
        "aws_security_group_rule": {"https": {**HTTPS, "from_port": 443, "to_port": 443, "security_group_id": group}},
        "aws_vpc_security_group_egress_rule": {"out": {**EGRESS, "security_group_id": group}},
    }, _group_and_rules("sg-1"))
    imports = {str(a): m.live.import_id for a, m in result.matches.items() if m.live is not None}
    assert imports == {"aws_security_group.web": "sg-1", "aws_vpc_security_group_egress_rule.out": "sgr-3",
                       "aws_security_group_rule.https": "sg-1_ingress_tcp_443_443_0.0.0.0/0"}
    # listed once, under the type the provider recommends
    assert [(o.type, o.import_id) for o in result.unmanaged] == [("aws_vpc_security_group_ingress_rule", "sgr-2")]


def test_rules_of_a_group_holding_its_rules_inline_are_the_groups(tmp_path):
    inline = {"protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_blocks": ["0.0.0.0/0"]}
    result = _reconcile(tmp_path, {"aws_security_group": {"web": {"name": "web", "ingress": [inline]}}},
                        _group_and_rules("sg-1")[:4])
    assert result.unmanaged == []
    assert sorted(str(address) for _, address in result.inline) == ["aws_security_group.web"] * 3


def test_rules_of_a_group_without_inline_rules_are_unmanaged(tmp_path):
    result = _reconcile(tmp_path, {"aws_security_group": {"web": {"name": "web"}}}, _group_and_rules("sg-1")[:4])
    assert len(result.unmanaged) == 3 and result.inline == []


def test_an_acls_rules_and_associations_are_the_acls_when_it_holds_them_inline_and_unmanaged_when_not(tmp_path):
    objects = [LiveObject("aws_network_acl", "acl-1", {"tags.Name": "private"}, {"subnet_ids": ["subnet-1"]}, ()),
               LiveObject("aws_network_acl_rule", "acl-1:100:6:false", {"rule_number": "100", "egress": "false"},
                          {"network_acl_id": "acl-1"}, ()),
               LiveObject("aws_network_acl_association", "aclassoc-1", {}, {"network_acl_id": "acl-1",
                                                                            "subnet_id": "subnet-1"}, ())]
    inline = {"aws_network_acl": {"private": {"tags": {"Name": "private"}, "subnet_ids": ["subnet-1"], "ingress": [
        {"rule_no": 100, "protocol": "tcp", "action": "allow", "cidr_block": "10.0.0.0/16", "from_port": 443,
         "to_port": 443}]}}}
    held = _reconcile(tmp_path, inline, objects)
    assert held.unmanaged == [] and len(held.inline) == 2
    bare = _reconcile(tmp_path, {"aws_network_acl": {"private": {"tags": {"Name": "private"}}}}, objects)
    assert sorted(o.type for o in bare.unmanaged) == ["aws_network_acl_association", "aws_network_acl_rule"]
