"""The instance-level reader on the plan JSON the real Terraform produced for tests/fixtures/evaluated
(one HCL configuration holding every form; tests/e2e/test_evaluated_reader.py regenerates it)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from importer.desired.config import DesiredConfig
from importer.desired.evaluated import read_plan, source_facts
from importer.desired.expressions import pure_reference, references_in
from importer.desired.sandbox import OVERRIDE_NAME, local_backend, prepare
from importer.ids import TfAddress

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "evaluated"
CONFIG = FIXTURES / "config"
VAR_FILE = CONFIG / "fixture.tfvars"


def body(config: DesiredConfig, address: str) -> dict:
    return dict(config.by_address()[TfAddress.parse(address)].body)


def check_fixture(config: DesiredConfig) -> None:
    """What the reader must make of the fixture configuration, whoever produced the plan JSON."""
    addresses = {str(resource.address) for resource in config.resources}
    # a module called twice with count, count inside it, a nested module, a module outside the tree
    for net in ("module.net[0]", "module.net[1]"):
        assert {f"{net}.aws_vpc.this", f"{net}.aws_subnet.private[0]", f"{net}.aws_subnet.private[1]",
                f"{net}.aws_route_table_association.private[1]", f"{net}.module.guard.aws_security_group.this",
                f"{net}.module.tagging.aws_ssm_parameter.marker"} <= addresses
    assert len(config.resources) == 29
    assert not any(address.startswith("data.") or ".data." in address for address in addresses)
    # variables from the var file (no default) and from defaults, count.index in the module call
    assert body(config, "module.net[1].aws_vpc.this")["cidr_block"] == "10.61.0.0/16"
    assert body(config, "module.net[1].aws_subnet.private[0]")["tags"] == {"Name": "fx-app-1-private-0"}
    # for_each over a map (default) with names built from a data source read during the plan
    assert body(config, 'aws_sqs_queue.jobs["orders"]')["name"] == "fx-app-orders-123456789012"
    assert body(config, 'aws_sqs_queue.jobs["billing"]')["visibility_timeout_seconds"] == 120
    # for_each over a set
    assert body(config, 'aws_s3_bucket.store["logs"]')["bucket"] == "fx-logs"
    # unknown attributes: references to exact instances within the same module instance
    assert body(config, "module.net[1].aws_subnet.private[1]")["vpc_id"] == "${module.net[1].aws_vpc.this.id}"
    # through a module output with a literal index, and through a nested module's input variable
    assert body(config, "aws_security_group.app")["vpc_id"] == "${module.net[0].aws_vpc.this.id}"
    assert body(config, "module.net[1].module.guard.aws_security_group.this")["vpc_id"] == \
        "${module.net[1].aws_vpc.this.id}"
    # count.index / each.key pairing with a target of the same keys; Terraform does not name the
    # attribute read through a computed index, so the whole instance is referenced
    association = body(config, "module.net[0].aws_route_table_association.private[1]")
    assert association["subnet_id"] == "${module.net[0].aws_subnet.private[1]}"
    assert association["route_table_id"] == "${module.net[0].aws_route_table.private[1]}"
    assert body(config, 'aws_s3_bucket_public_access_block.store["assets"]')["bucket"] == \
        '${aws_s3_bucket.store["assets"]}'
    # each.value of a for_each over another resource: that resource's instance with the same key
    assert body(config, 'aws_s3_bucket_versioning.store["logs"]')["bucket"] == '${aws_s3_bucket.store["logs"].id}'
    # a reference to every instance of a for_each resource: the sorted list of candidates
    assert body(config, "aws_iam_policy.send")["policy"] == [
        '${aws_sqs_queue.jobs["billing"]}', '${aws_sqs_queue.jobs["orders"]}']
    # values known at plan time are values; the instances they were read from, and the explicit
    # depends_on, are kept as depends_on (data sources are not resources)
    digest = body(config, "aws_ssm_parameter.digest")
    assert digest["description"] == "for fx-logs"
    assert digest["depends_on"] == ['aws_s3_bucket.store["logs"]', 'aws_sqs_queue.jobs["billing"]',
                                    'aws_sqs_queue.jobs["orders"]']
    assert "depends_on" not in body(config, 'aws_sqs_queue.jobs["orders"]')
    assert "depends_on" not in body(config, "aws_security_group.app")  # its reference is in the body
    # computed attributes without an expression stay out; sensitive values never enter a body
    assert "arn" not in body(config, "module.net[0].aws_vpc.this")
    assert "value" not in body(config, "aws_ssm_parameter.digest")
    # the fields load_config fills
    assert config.backend == {"s3": {"bucket": "team-state", "key": "apps/fixture.tfstate", "region": "us-east-1"}}
    assert config.default_tags == {"Owner": "platform"}
    assert config.provider_region == "us-east-1"  # a variable with a default
    # the references parse back into instance references
    [(_, reference)] = list(references_in(body(config, "aws_security_group.app")["vpc_id"]))
    assert reference.address == TfAddress.parse("module.net[0].aws_vpc.this") and reference.attribute == "id"


@pytest.fixture(scope="module")
def fixture_config() -> DesiredConfig:
    return read_plan(json.loads((FIXTURES / "plan.json").read_text()), CONFIG)


def test_the_committed_plan_json_reads_into_instances(fixture_config):
    check_fixture(fixture_config)


def test_instance_references_parse_with_module_path_and_key():
    reference = pure_reference('${module.a[0].module.b["x"].aws_subnet.b["k.1"].id}')
    assert reference.address == TfAddress.parse('module.a[0].module.b["x"].aws_subnet.b["k.1"]')
    assert reference.attribute == "id" and not reference.data
    keyed = pure_reference('${aws_subnet.b["x"].tags.Name}')
    assert (keyed.address.key, keyed.attribute) == ("x", "tags.Name")
    assert pure_reference("${aws_db_instance.x.master_user_secret[0].secret_arn}").attribute == \
        "master_user_secret[0].secret_arn"
    assert pure_reference("${module.net[0].vpc_id}") is None  # a module output, not a resource
    assert list(references_in("${var.a}-${local.b}-${each.key}")) == []


def test_the_sandbox_copies_config_links_the_rest_and_never_writes_beside_the_config(tmp_path):
    before = sorted(p.name for p in CONFIG.iterdir())
    sandbox = prepare(CONFIG, tmp_path, [VAR_FILE], backend=local_backend(tmp_path / "terraform.tfstate"))
    assert sorted(p.name for p in CONFIG.iterdir()) == before
    assert (sandbox.root / "main.tf").is_file() and not (sandbox.root / "main.tf").is_symlink()
    assert (sandbox.root / "files").is_symlink() and (sandbox.root / "modules").is_symlink()
    override = json.loads((sandbox.root / OVERRIDE_NAME).read_text())
    assert override["terraform"]["backend"]["local"]["path"].startswith(str(tmp_path))
    # the module outside the configuration's directory sits at the same relative place
    assert (sandbox.root / "modules/net/../../../shared/tagging/main.tf").resolve() == \
        (FIXTURES / "shared/tagging/main.tf").resolve()
    assert sandbox.var_files[0].read_text() == VAR_FILE.read_text()


def test_a_single_json_file_keeps_its_backend_and_import_blocks(tmp_path):
    config = tmp_path / "cdk.tf.json"
    config.write_text(json.dumps({"terraform": {"backend": {"local": {"path": "x.tfstate"}}},
                                  "import": [{"to": "aws_sqs_queue.q", "id": "https://q"}],
                                  "resource": {"aws_sqs_queue": {"q": {"name": "q"}}}}))
    (tmp_path / "other.tf.json").write_text("{}")
    (tmp_path / "lambda.zip").write_bytes(b"zip")
    assert source_facts(config) == ({"local": {"path": "x.tfstate"}}, [{"to": "aws_sqs_queue.q", "id": "https://q"}])
    sandbox = prepare(config, tmp_path / "box", backend=None)  # apply keeps the configured backend
    assert sorted(p.name for p in sandbox.root.iterdir()) == ["cdk.tf.json", "lambda.zip"]


def test_hcl_backend_and_import_blocks_are_read_for_literal_values(tmp_path):
    (tmp_path / "main.tf").write_text('terraform {\n  backend "s3" {\n    bucket = "b"\n    encrypt = true\n  }\n}\n'
                                      'import {\n  to = module.a[0].aws_sqs_queue.q\n  id = "https://q"\n}\n')
    assert source_facts(tmp_path) == ({"s3": {"bucket": "b", "encrypt": True}},
                                      [{"to": "module.a[0].aws_sqs_queue.q", "id": "https://q"}])


def test_a_module_called_with_for_each_resolves_by_literal_key_and_by_each_key():
    """A hand-written configuration block in Terraform's plan JSON shape (module ``q`` with for_each)."""
    from importer.desired.resolve import Resolver

    module = {"resources": [{"mode": "managed", "type": "aws_sqs_queue", "name": "this", "expressions": {}}],
              "outputs": {"arn": {"expression": {"references": ["aws_sqs_queue.this.arn", "aws_sqs_queue.this"]}}}}
    configuration = {"root_module": {
        "module_calls": {"q": {"for_each_expression": {"references": ["var.names"]}, "module": module}},
        "resources": [{"mode": "managed", "type": "aws_sns_topic_subscription", "name": "s",
                       "expressions": {"endpoint": {"references": ['module.q["a.b"].arn', 'module.q["a.b"]']}}},
                      {"mode": "managed", "type": "aws_sqs_queue_policy", "name": "p",
                       "expressions": {"queue_url": {"references": ["module.q", "each.key"]}}}]}}
    queues = [TfAddress.parse(f'module.q["{key}"].aws_sqs_queue.this') for key in ("a.b", "c")]
    policies = [TfAddress.parse(f'aws_sqs_queue_policy.p["{key}"]') for key in ("a.b", "c")]
    subscription = TfAddress.parse("aws_sns_topic_subscription.s")
    resolver = Resolver(configuration, [*queues, *policies, subscription])
    [target] = resolver.resolve(['module.q["a.b"].arn', 'module.q["a.b"]'], resolver.context_of(subscription))
    assert str(target) == '${module.q["a.b"].aws_sqs_queue.this.arn}'
    # ``module.q`` alone names no output: nothing is guessed
    assert resolver.resolve(["module.q", "each.key"], resolver.context_of(policies[1])) == set()
    # a reference to every instance: all candidates
    every = resolver.resolve(["module.q.arn"], resolver.context_of(subscription))
    assert {str(t) for t in every} == {f'${{{q}.arn}}' for q in queues}
    keyed = resolver.resolve(["module.q.arn", "each.key"], resolver.context_of(policies[1]))
    assert {str(t) for t in keyed} == {f'${{{queues[1]}.arn}}'}


def test_count_index_over_a_module_output_list_pairs_with_the_instance_of_the_same_index():
    """``subnet_id = element(module.net.subnet_ids, count.index)`` with ``count = length(...)``:
    the CDKTF form of one association per subnet. The output lists ``aws_subnet.private[*].id``."""
    from importer.desired.resolve import Resolver

    module = {"resources": [{"mode": "managed", "type": "aws_subnet", "name": "private", "expressions": {}}],
              "outputs": {"subnet_ids": {"expression": {"references": ["aws_subnet.private"]}}}}
    references = ["module.net.subnet_ids", "module.net", "count.index"]
    configuration = {"root_module": {
        "module_calls": {"net": {"module": module}},
        "resources": [{"mode": "managed", "type": "aws_route_table_association", "name": "a",
                       "expressions": {"subnet_id": {"references": references}}},
                      {"mode": "managed", "type": "aws_route_table_association", "name": "two",
                       "expressions": {"subnet_id": {"references": references}}}]}}
    subnets = [TfAddress.parse(f"module.net.aws_subnet.private[{i}]") for i in range(3)]
    associations = [TfAddress.parse(f"aws_route_table_association.a[{i}]") for i in range(3)]
    two = [TfAddress.parse(f"aws_route_table_association.two[{i}]") for i in range(2)]
    resolver = Resolver(configuration, [*subnets, *associations, *two])
    for index, association in enumerate(associations):
        assert {str(t) for t in resolver.resolve(references, resolver.context_of(association))} == \
            {f"${{{subnets[index]}}}"}
    # other keys than the list's: no pairing, every candidate stays
    assert len(resolver.resolve(references, resolver.context_of(two[0]))) == 3
    assert len(resolver.resolve(["module.net.subnet_ids"], resolver.context_of(associations[0]))) == 3


DOT = '''digraph G {
  "data.aws_iam_policy_document.queues" [label="data.aws_iam_policy_document.queues"];
  "aws_iam_role.handler" [label="aws_iam_role.handler"];
  "aws_iam_role_policy.queues" [label="aws_iam_role_policy.queues"];
  "aws_ssm_parameter.alone" [label="aws_ssm_parameter.alone"];
  subgraph "cluster_module.queue" {
    "module.queue.aws_sqs_queue.this" [label="aws_sqs_queue.this"];
    "module.queue.aws_sqs_queue_policy.this" [label="aws_sqs_queue_policy.this"];
    "module.queue.module.dlq.aws_sqs_queue.this" [label="aws_sqs_queue.this"];
  }
  "data.aws_iam_policy_document.queues" -> "module.queue.aws_sqs_queue_policy.this";
  "aws_iam_role_policy.queues" -> "data.aws_iam_policy_document.queues";
  "aws_iam_role_policy.queues" -> "aws_iam_role.handler";
  "module.queue.aws_sqs_queue_policy.this" -> "module.queue.aws_sqs_queue.this";
  "module.queue.aws_sqs_queue.this" -> "module.queue.module.dlq.aws_sqs_queue.this";
}
'''


def test_what_target_reaches_goes_through_data_sources_and_whole_modules():
    """``terraform graph`` as ``-target`` follows it: the role policy reads a policy document built
    from every queue of ``module.queue``, so it reaches every resource of the module (transitively)."""
    from importer.graph.terraform_graph import reach

    reached = reach(DOT)
    assert reached["aws_iam_role_policy.queues"] == {
        "aws_iam_role.handler", "module.queue.aws_sqs_queue_policy.this", "module.queue.aws_sqs_queue.this",
        "module.queue.module.dlq.aws_sqs_queue.this"}
    assert reached["aws_ssm_parameter.alone"] == frozenset()
    assert "data.aws_iam_policy_document.queues" not in reached


def test_an_instance_depends_on_every_instance_of_the_blocks_it_reaches(tmp_path):
    plan = {"planned_values": {"root_module": {
        "resources": [{"address": "aws_iam_role_policy.queues", "mode": "managed", "type": "aws_iam_role_policy",
                       "name": "queues", "values": {"name": "q"}}],
        "child_modules": [{"address": f'module.queue["{key}"]', "resources": [
            {"address": f'module.queue["{key}"].aws_sqs_queue_policy.this', "mode": "managed",
             "type": "aws_sqs_queue_policy", "name": "this", "values": {}}]} for key in ("a", "b")]}}}
    reached = {"aws_iam_role_policy.queues": frozenset({"module.queue.aws_sqs_queue_policy.this"})}
    (tmp_path / "main.tf").write_text("")
    config = read_plan(plan, tmp_path, reached).by_address()
    policy = config[TfAddress.parse("aws_iam_role_policy.queues")]
    assert policy.body["depends_on"] == ['module.queue["a"].aws_sqs_queue_policy.this',
                                         'module.queue["b"].aws_sqs_queue_policy.this']
