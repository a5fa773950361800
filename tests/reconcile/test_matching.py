"""Matching and classification on a small hand-written config, state and inventory."""

from __future__ import annotations

import json

from importer.desired.config import load_config
from importer.discovery.inventory import Inventory, LiveObject
from importer.graph.references import ReferenceGraph
from importer.matching.matcher import reconcile
from importer.specs import registry
from importer.state.reader import parse_state, TerraformState

CONFIG = {
    "resource": {
        "aws_vpc": {"main": {"cidr_block": "10.0.0.0/16", "tags": {"Name": "main"}},
                    "other": {"cidr_block": "10.9.0.0/16", "tags": {"Name": "other"}}},
        "aws_subnet": {"a": {"vpc_id": "${aws_vpc.main.id}", "cidr_block": "10.0.1.0/24", "availability_zone": "us-east-1a"},
                       "b": {"vpc_id": "${aws_vpc.main.id}", "cidr_block": "10.0.2.0/24"}},
        "aws_sqs_queue": {"jobs": {"name": "jobs"}, "dlq": {"name": "jobs-dlq"}},
        "aws_sqs_queue_policy": {"jobs": {"queue_url": "${aws_sqs_queue.jobs.url}", "policy": "{}"}},
        "aws_security_group": {"web": {"name": "web", "vpc_id": "${aws_vpc.main.id}"},
                               "twin": {"name": "twin", "vpc_id": "${aws_vpc.main.id}"}},
        "aws_iam_role": {"app": {"name": "app", "assume_role_policy": "{}"}},
    },
}
QUEUE = "https://sqs.us-east-1.amazonaws.com/123456789012/"


def live(type_name, import_id, identity=None, references=None, aliases=()):
    return LiveObject(type_name, import_id, identity or {}, references or {}, tuple(aliases))


def inventory(*objects) -> Inventory:
    return Inventory(region="us-east-1", objects=list(objects), failures=[], types=sorted(registry()))


LIVE = [
    live("aws_vpc", "vpc-1", {"cidr_block": "10.0.0.0/16", "tags.Name": "main"}),
    live("aws_vpc", "vpc-2", {"cidr_block": "10.0.0.0/16", "tags.Name": "copy-of-main-cidr"}),
    live("aws_subnet", "subnet-a", {"cidr_block": "10.0.1.0/24", "availability_zone": "us-east-1a"}, {"vpc_id": "vpc-1"}),
    live("aws_subnet", "subnet-b2", {"cidr_block": "10.0.2.0/24"}, {"vpc_id": "vpc-2"}),
    live("aws_subnet", "subnet-b", {"cidr_block": "10.0.2.0/24"}, {"vpc_id": "vpc-1"}),
    live("aws_sqs_queue", QUEUE + "jobs", {"name": "jobs"}, aliases=("arn:aws:sqs:us-east-1:123456789012:jobs",)),
    live("aws_sqs_queue", QUEUE + "old-test", {"name": "old-test"}),
    live("aws_sqs_queue_policy", QUEUE + "jobs", {}, {"queue_url": QUEUE + "jobs"}),
    live("aws_security_group", "sg-1", {"name": "web"}, {"vpc_id": "vpc-1"}),
    live("aws_security_group", "sg-2", {"name": "twin"}, {"vpc_id": "vpc-1"}),
    live("aws_security_group", "sg-3", {"name": "twin"}, {"vpc_id": "vpc-1"}),
    live("aws_iam_role", "app", {"name": "app"}, aliases=("arn:aws:iam::123456789012:role/app",)),
]
STATE = {
    "version": 4, "serial": 3, "lineage": "l-1",
    "resources": [
        {"mode": "managed", "type": "aws_iam_role", "name": "app", "instances": [{"attributes": {"id": "app", "name": "app"}}]},
        {"mode": "managed", "type": "aws_sqs_queue", "name": "dlq",
         "instances": [{"attributes": {"id": QUEUE + "jobs-dlq", "name": "jobs-dlq"}}]},
        {"mode": "managed", "type": "aws_sqs_queue", "name": "retired",
         "instances": [{"attributes": {"id": QUEUE + "retired", "name": "retired"}}]},
        {"mode": "managed", "type": "aws_security_group", "name": "web",
         "instances": [{"attributes": {"id": "sg-9", "name": "web-old", "vpc_id": "vpc-1"}}]},
    ],
}


def run(tmp_path, state=None, objects=LIVE):
    path = tmp_path / "main.tf.json"
    path.write_text(json.dumps(CONFIG))
    config = load_config(path)
    state = parse_state(json.dumps(state), "test") if state else TerraformState("none", False)
    return reconcile(config, ReferenceGraph(config).dependency_order(), state, inventory(*objects), registry())


def kinds(result) -> dict[str, tuple]:
    return {str(a): (m.kind, m.live.import_id if m.live else None) for a, m in result.matches.items()}


def test_every_resource_ends_in_exactly_one_class(tmp_path):
    result = run(tmp_path, STATE, LIVE + [live("aws_security_group", "sg-9", {"name": "web-old"}, {"vpc_id": "vpc-1"})])
    found = kinds(result)
    assert found["aws_vpc.main"] == ("import", "vpc-1")  # name tag breaks the CIDR tie
    assert found["aws_vpc.other"] == ("create", None)
    assert found["aws_subnet.a"] == ("import", "subnet-a")
    assert found["aws_subnet.b"] == ("import", "subnet-b")  # the parent VPC decides between equal CIDRs
    assert found["aws_sqs_queue.jobs"] == ("import", QUEUE + "jobs")
    assert found["aws_sqs_queue_policy.jobs"] == ("import", QUEUE + "jobs")  # through its queue's URL
    assert found["aws_iam_role.app"] == ("managed", "app")
    assert found["aws_sqs_queue.dlq"] == ("stale", None)  # in state, gone live
    assert found["aws_security_group.twin"][0] == "ambiguous"
    assert sorted(result.matches[next(a for a in result.matches if str(a) == "aws_security_group.twin")]
                  .candidates) == ["sg-2", "sg-3"]
    assert found["aws_security_group.web"] == ("id-mismatch", "sg-9")  # state says sg-9, code describes sg-1
    assert [(str(o.address), o.live) for o in result.orphaned] == [("aws_sqs_queue.retired", False)]
    unmanaged = sorted(o.import_id for o in result.unmanaged)
    assert unmanaged == sorted(["vpc-2", "subnet-b2", QUEUE + "old-test", "sg-1", "sg-2", "sg-3"])


def test_one_live_object_never_goes_to_two_addresses(tmp_path):
    objects = [o for o in LIVE if o.import_id not in ("sg-3",)]
    result = run(tmp_path, objects=objects)
    claimed = [(m.live.type, m.live.import_id) for m in result.matches.values() if m.live]
    assert len(claimed) == len(set(claimed)) == 8


def test_matching_is_deterministic(tmp_path):
    first = kinds(run(tmp_path, STATE))
    second = kinds(run(tmp_path, STATE, list(reversed(LIVE))))
    assert first == second


def test_count_and_for_each_blocks_are_never_matched_to_one_object(tmp_path):
    config = {"resource": {"aws_sqs_queue": {
        "single": {"count": 1, "name": "jobs"},  # a literal name: still aws_sqs_queue.single[0] in Terraform
        "each": {"for_each": "${toset([\"a\"])}", "name": "jobs-${each.key}"}}}}
    path = tmp_path / "main.tf.json"
    path.write_text(json.dumps(config))
    loaded = load_config(path)
    result = reconcile(loaded, ReferenceGraph(loaded).dependency_order(), TerraformState("none", False),
                       inventory(*LIVE), registry())
    assert sorted(str(a) for a in result.unsupported) == ["aws_sqs_queue.each", "aws_sqs_queue.single"]
    assert not result.matches and QUEUE + "jobs" in {o.import_id for o in result.unmanaged}


def test_a_setting_the_code_holds_inline_on_its_parent_is_not_unmanaged(tmp_path):
    """A redrive policy is a live object of its own type and also the queue's ``redrive_policy``
    argument: set inline on the queue in code, it is that queue's; not set there, it is unmanaged."""
    config = {"resource": {"aws_sqs_queue": {
        "jobs": {"name": "jobs", "redrive_policy":
                 "${jsonencode({\"deadLetterTargetArn\" = aws_sqs_queue.dlq.arn, \"maxReceiveCount\" = 3})}"},
        "dlq": {"name": "dlq"}, "plain": {"name": "plain"}}}}
    dlq_arn = "arn:aws:sqs:us-east-1:123456789012:dlq"
    path = tmp_path / "main.tf.json"
    path.write_text(json.dumps(config))
    loaded = load_config(path)
    objects = [live("aws_sqs_queue", QUEUE + "jobs", {"name": "jobs"}, {"redrive_policy": dlq_arn}),
               live("aws_sqs_queue", QUEUE + "dlq", {"name": "dlq"}, aliases=(dlq_arn,)),
               live("aws_sqs_queue", QUEUE + "plain", {"name": "plain"}),
               live("aws_sqs_queue_redrive_policy", QUEUE + "jobs", {}, {"queue_url": QUEUE + "jobs"}),
               live("aws_sqs_queue_redrive_policy", QUEUE + "plain", {}, {"queue_url": QUEUE + "plain"})]
    result = reconcile(loaded, ReferenceGraph(loaded).dependency_order(), TerraformState("none", False),
                       inventory(*objects), registry())
    assert [(o.type, o.import_id) for o in result.unmanaged] == [("aws_sqs_queue_redrive_policy", QUEUE + "plain")]
    assert [(o.import_id, str(address)) for o, address in result.inline] == [(QUEUE + "jobs", "aws_sqs_queue.jobs")]


def test_a_name_prefix_in_code_matches_the_one_live_name_that_starts_with_it(tmp_path):
    config = {"resource": {"aws_launch_template": {"node": {"name_prefix": "node-", "instance_type": "t3.micro"},
                                                   "spare": {"name_prefix": "spare-"}},
                           "aws_iam_role": {"twin": {"name_prefix": "twin-", "assume_role_policy": "{}"}}}}
    path = tmp_path / "main.tf.json"
    path.write_text(json.dumps(config))
    loaded = load_config(path)
    objects = [live("aws_launch_template", "lt-1", {"name": "node-20261202040254275300000004"}),
               live("aws_launch_template", "lt-2", {"name": "web-20261202040254275300000005"}),
               live("aws_iam_role", "twin-1", {"name": "twin-1"}), live("aws_iam_role", "twin-2", {"name": "twin-2"})]
    result = reconcile(loaded, ReferenceGraph(loaded).dependency_order(), TerraformState("none", False),
                       inventory(*objects), registry())
    found = kinds(result)
    assert found["aws_launch_template.node"] == ("import", "lt-1")
    assert found["aws_launch_template.spare"] == ("create", None)  # nothing live starts with "spare-"
    assert found["aws_iam_role.twin"][0] == "ambiguous"  # two live names start with the prefix: never guessed
    assert "lt-2" in [o.import_id for o in result.unmanaged] and "lt-1" not in [o.import_id for o in result.unmanaged]


def test_an_account_singleton_with_no_identity_matches_the_one_live_object(tmp_path):
    """The password policy has a constant import ID and nothing in code to tell one from another: the one live
    policy is the code's; a type whose import ID varies stays ambiguous without an identity (API Gateway deployments)."""
    config = {"resource": {"aws_iam_account_password_policy": {"strict": {"minimum_password_length": 20}},
                           "aws_api_gateway_deployment": {"live": {"description": "v1"}}}}
    path = tmp_path / "main.tf.json"
    path.write_text(json.dumps(config))
    loaded = load_config(path)
    objects = [live("aws_iam_account_password_policy", "iam-account-password-policy"),
               live("aws_api_gateway_deployment", "api-1/dep-1")]
    result = reconcile(loaded, ReferenceGraph(loaded).dependency_order(), TerraformState("none", False),
                       inventory(*objects), registry())
    found = kinds(result)
    assert found["aws_iam_account_password_policy.strict"] == ("import", "iam-account-password-policy")
    assert found["aws_api_gateway_deployment.live"] == ("ambiguous", None)
    assert [o.type for o in result.unmanaged] == ["aws_api_gateway_deployment"]
