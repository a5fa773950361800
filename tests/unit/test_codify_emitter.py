"""The CDKTF Python emitter: the module it writes compiles, imports the installed bindings, and a
construct built from it synthesizes to the expected resource JSON, with references as Terraform
expressions, JSON documents and templates intact, and secrets only as constructor parameters."""

from __future__ import annotations

import ast
import json
import re
import types
from pathlib import Path

import pytest

import stacks  # noqa: F401  (installs the light bindings package before any binding is imported)
from importer.codify import naming
from importer.codify.model import CodifiedResource, CodifyResult, Reference, Template
from importer.codify.python_emitter import Counts, EmitError, render_module, value_counts

BINDINGS_DIR = Path(__import__("importlib").util.find_spec(naming.BINDINGS).submodule_search_locations[0])
CANARY = "CANARY-codify-s3cr3t-9f1c"
POLICY = ('{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", '
          '"Resource": "arn:aws:s3:::uploads/${aws:username}/*"}]}')
SHAPES = {
    "aws_security_group": {("ingress",): naming.LIST},
    "aws_lb_listener": {("default_action",): naming.LIST, ("default_action", "forward"): naming.SINGLE,
                        ("default_action", "forward", "target_group"): naming.LIST},
    "aws_s3_bucket_versioning": {("versioning_configuration",): naming.SINGLE},
    "aws_lambda_function": {("environment",): naming.SINGLE},
    "aws_db_instance": {},
}
KNOWN_5X_ONLY = ["aws_api_gateway_deployment canary_settings", "aws_ecs_task_definition inference_accelerator", "aws_launch_template elastic_gpu_specifications",
                 "aws_launch_template elastic_inference_accelerator"]
VPC = Reference("aws_vpc.network_vpc_1A2B3C4D", "id")


def _result(password_in_arguments: bool = False) -> CodifyResult:
    dlq = Reference("aws_sqs_queue.old_dlq", "arn")
    db_arguments = {"identifier": "legacy-db", "engine": "postgres", "instance_class": "db.t3.micro",
                    "allocated_storage": 20, "username": "app"}
    if password_in_arguments:  # an engine bug must still not put a secret into the code
        db_arguments["password"] = CANARY
    return CodifyResult(resources=(
        CodifiedResource("aws_sqs_queue", "old_queue", "https://sqs/old", {
            "name": "prod-old", "message_retention_seconds": 345600,
            "redrive_policy": Template(('{"deadLetterTargetArn":"', dlq, '","maxReceiveCount":5}')),
            "tags": {"Name": "old", "Owner": "team ${x}"},
        }, comments=("visibility_timeout_seconds dropped: the AWS default",)),
        CodifiedResource("aws_sqs_queue", "old_dlq", "https://sqs/dlq", {"name": "prod-old-dlq"}),
        CodifiedResource("aws_security_group", "hand_made", "sg-0abc", {
            "name": "hand-made", "vpc_id": VPC, "description": Template(("queue ", Reference(
                "aws_sqs_queue.old_dlq", "url"), " {not a field}")),
            "ingress": [{"from_port": 443, "to_port": 443, "protocol": "tcp", "cidr_blocks": ["10.0.0.0/8"],
                         "description": "https", "ipv6_cidr_blocks": [], "prefix_list_ids": [],
                         "security_groups": [], "self": False}],
        }),
        CodifiedResource("aws_iam_policy", "stray", "arn:aws:iam::1:policy/stray", {"name": "stray", "policy": POLICY}),
        CodifiedResource("aws_lb_listener", "http", "arn:listener", {
            "load_balancer_arn": Reference("aws_lb.edge_alb_9F", "arn"), "port": 8080, "protocol": "HTTP",
            "default_action": [{"type": "forward", "forward": [{"target_group": [
                {"arn": Reference("aws_lb_target_group.edge_api_77", "arn"), "weight": 1}]}]}],
        }),
        CodifiedResource("aws_s3_bucket_versioning", "logs_versioning", "logs", {
            "bucket": "logs", "versioning_configuration": [{"status": "Enabled"}]}),
        CodifiedResource("aws_lambda_function", "legacy", "legacy", {
            "function_name": "legacy", "role": Reference("aws_iam_role.iam_lambda_role_5E", "arn"),
            "handler": "index.handler", "runtime": "python3.12", "filename": "legacy.zip",
            "environment": [{"variables": {"TOKEN": CANARY}}] if password_in_arguments else []},
            secrets=("environment.0.variables",)),
        CodifiedResource("aws_db_instance", "legacy_db", "legacy-db", db_arguments, secrets=("password",)),
    ), external={VPC: "vpc_id"})


@pytest.fixture(scope="module")
def emitted():
    return render_module(_result(), "Adopted", shapes=SHAPES, origin="prod")


def _load(source: str) -> types.ModuleType:
    module = types.ModuleType("adopted_under_test")
    exec(compile(source, "adopted_under_test.py", "exec"), module.__dict__)
    return module


def test_the_module_compiles_and_is_deterministic(emitted):
    ast.parse(emitted.source)
    again = render_module(CodifyResult(tuple(reversed(_result().resources)), _result().external), "Adopted",
                          shapes=SHAPES, origin="prod")
    assert again.source == emitted.source
    assert max(len(line) for line in emitted.source.splitlines()) <= 120
    assert "self.old_dlq = SqsQueue(" in emitted.source
    assert emitted.source.index("self.old_dlq =") < emitted.source.index("self.old_queue =")  # defined before use
    assert "# visibility_timeout_seconds dropped: the AWS default" in emitted.source
    assert 'redrive_policy=json.dumps(' in emitted.source and 'separators=(",", ":"))' in emitted.source
    assert '"deadLetterTargetArn": self.old_dlq.arn,' in emitted.source
    assert 'f"queue {self.old_dlq.url} {{not a field}}"' in emitted.source


def test_imports_name_the_bindings_classes_and_structs(emitted):
    tree = ast.parse(emitted.source)
    imported = {(node.module, alias.name) for node in tree.body if isinstance(node, ast.ImportFrom)
                for alias in node.names}
    expected = {("sqs_queue", "SqsQueue"), ("security_group", "SecurityGroup"), ("security_group", "SecurityGroupIngress"),
                ("lb_listener", "LbListenerDefaultAction"), ("lb_listener", "LbListenerDefaultActionForward"),
                ("lb_listener", "LbListenerDefaultActionForwardTargetGroup"), ("s3_bucket_versioning", "S3BucketVersioningA"),
                ("s3_bucket_versioning", "S3BucketVersioningVersioningConfiguration"),
                ("lambda_function", "LambdaFunctionEnvironment"), ("db_instance", "DbInstance")}
    assert {(f"{naming.BINDINGS}.{m}", c) for m, c in expected} <= imported
    _load(emitted.source)  # every import resolves against the installed package


def test_a_construct_built_from_it_synthesizes_to_the_expected_json(emitted, tmp_path):
    from cdktf import App, TerraformStack
    from cdktf_cdktf_provider_aws.provider import AwsProvider
    from cdktf_cdktf_provider_aws.vpc import Vpc

    app = App(outdir=str(tmp_path), skip_validation=True)
    stack = TerraformStack(app, "probe")
    AwsProvider(stack, "aws", region="us-east-1")
    vpc = Vpc(stack, "vpc", cidr_block="10.0.0.0/16")
    parameters = {name: f"${{var.{name}}}" for name in emitted.parameters if name != "vpc_id"}
    adopted = _load(emitted.source).Adopted(stack, "adopted", vpc_id=vpc.id, **parameters,
                                            legacy_db_password="${var.secret}",
                                            legacy_environment_variables={"TOKEN": "${var.secret}"})
    app.synth()
    config = json.loads((tmp_path / "stacks" / "probe" / "cdk.tf.json").read_text())
    resources = config["resource"]
    dlq_id, queue_id = adopted.old_dlq.friendly_unique_id, adopted.old_queue.friendly_unique_id
    queue = resources["aws_sqs_queue"][queue_id]
    assert queue["redrive_policy"] == f'{{"deadLetterTargetArn":"${{aws_sqs_queue.{dlq_id}.arn}}","maxReceiveCount":5}}'
    assert queue["tags"] == {"Name": "old", "Owner": "team $${x}"}  # a literal "${" stays literal in Terraform
    group = resources["aws_security_group"][adopted.hand_made.friendly_unique_id]
    assert group["vpc_id"] == "${aws_vpc.vpc.id}"
    assert group["description"] == f"queue ${{aws_sqs_queue.{dlq_id}.url}} {{not a field}}"
    assert group["ingress"][0]["cidr_blocks"] == ["10.0.0.0/8"] and group["ingress"][0]["self"] is False
    policy = resources["aws_iam_policy"][adopted.stray.friendly_unique_id]["policy"]
    assert policy == POLICY.replace("${", "$${")
    listener = resources["aws_lb_listener"][adopted.http.friendly_unique_id]
    assert listener["load_balancer_arn"] == "${var.edge_alb_9f_arn}"
    assert listener["default_action"][0]["forward"]["target_group"][0]["weight"] == 1
    versioning = resources["aws_s3_bucket_versioning"][adopted.logs_versioning.friendly_unique_id]
    assert versioning["versioning_configuration"] == {"status": "Enabled"}
    function = resources["aws_lambda_function"][adopted.legacy.friendly_unique_id]
    assert function["environment"] == {"variables": {"TOKEN": "${var.secret}"}}
    database = resources["aws_db_instance"][adopted.legacy_db.friendly_unique_id]
    assert database["password"] == "${var.secret}" and database["lifecycle"] == {"ignore_changes": ["password"]}


def test_value_counts_tell_references_from_literals():
    counts = sum((value_counts(r.arguments) for r in _result().resources), Counts())
    assert counts.references == 6 and counts.literal_ids == 0 and counts.literals > 20
    assert value_counts({"a": ["arn:aws:sqs:us-east-1:1:q", "sg-0123456789abcdef0", "plain"]}) == Counts(0, 3, 2)


def test_references_outside_the_module_are_constructor_parameters(emitted):
    assert emitted.parameters == ("edge_alb_9f_arn", "edge_api_77_arn", "iam_lambda_role_5e_arn", "vpc_id")
    assert "vpc_id=vpc_id" in emitted.source and "load_balancer_arn=edge_alb_9f_arn" in emitted.source
    assert "# vpc_id: aws_vpc.network_vpc_1A2B3C4D.id (an object outside this module)" in emitted.source
    code = [line for line in emitted.source.splitlines() if not line.lstrip().startswith("#")]
    assert not [line for line in code if re.search(r"sg-0abc|arn:aws:iam|arn:listener", line)]


def test_secrets_are_parameters_never_values():
    leaked = render_module(_result(password_in_arguments=True), "Adopted", shapes=SHAPES)
    assert CANARY not in leaked.source
    assert leaked.secrets == ("legacy_db_password", "legacy_environment_variables")
    assert "password=legacy_db_password" in leaked.source
    assert "environment=LambdaFunctionEnvironment(variables=legacy_environment_variables)" in leaked.source
    assert "# password: sensitive, never written: the `legacy_db_password` parameter" in leaked.source
    assert 'lifecycle=TerraformResourceLifecycle(ignore_changes=["environment[0].variables"])' in leaked.source


def test_a_reference_cycle_is_refused():
    a = CodifiedResource("aws_sqs_queue", "a", "a", {"name": Reference("aws_sqs_queue.b", "name")})
    b = CodifiedResource("aws_sqs_queue", "b", "b", {"name": Reference("aws_sqs_queue.a", "name")})
    with pytest.raises(EmitError, match="cycle"):
        render_module(CodifyResult((a, b)), "Adopted")


def test_a_string_that_is_not_exactly_json_dumps_output_stays_a_string():
    text = '{\n  "a":1 }'
    source = render_module(CodifyResult((CodifiedResource("aws_iam_policy", "p", "p", {"policy": text}),)), "X").source
    assert "json.dumps" not in source and json.dumps(text) in source


def test_the_naming_convention_matches_the_installed_bindings():
    """Every resource submodule holds the class naming.class_name gives, and every renamed struct exists."""
    missing, checked = [], 0
    for module_dir in sorted(BINDINGS_DIR.iterdir()):
        if not (module_dir / "__init__.py").is_file() or module_dir.name.startswith(("data_aws_", "_")) \
                or module_dir.name == "provider":
            continue
        text = (module_dir / "__init__.py").read_text()
        checked += 1
        if not re.search(rf"^class {naming.class_name('aws_' + module_dir.name)}\(", text, re.M):
            missing.append(module_dir.name)
    assert checked > 1500 and missing == []
    for tf_type, path in ((("aws_s3_bucket_server_side_encryption_configuration", ("rule",))),
                          ("aws_lb_listener", ("default_action", "forward", "target_group")),
                          ("aws_security_group", ("ingress",))):
        text = (BINDINGS_DIR / naming.module_name(tf_type) / "__init__.py").read_text()
        assert re.search(rf"^class {naming.struct_name(tf_type, path)}:", text, re.M), (tf_type, path)


@pytest.mark.terraform
def test_every_struct_the_provider_schema_implies_exists_in_the_bindings(tmp_path):
    """For every type the importer discovers: each nested block or object path of the provider's own
    schema names a struct class that the installed bindings define (single or list alike)."""
    from importer.cli.codify import read_shapes
    from importer.specs import registry
    from tests.tools import terraform_environment

    types = set(registry())
    shapes = read_shapes(types, terraform_environment(tmp_path), tmp_path / "schema")
    assert set(shapes) == types
    missing, checked = [], 0
    for tf_type, paths in sorted(shapes.items()):
        text = (BINDINGS_DIR / naming.module_name(tf_type) / "__init__.py").read_text()
        defined = set(re.findall(r"^class (\w+)[(:]", text, re.M))
        checked += len(paths)
        missing += [f"{tf_type} {'.'.join(p)}" for p in paths if naming.struct_name(tf_type, p) not in defined]
    assert checked > 100 and shapes["aws_lb_listener"][("default_action", "forward")] == naming.SINGLE
    assert shapes["aws_security_group"][("ingress",)] == naming.LIST
    assert missing == KNOWN_5X_ONLY, missing  # what provider 5.100 has and the 6.x bindings dropped


def test_blocks_the_bindings_take_untyped_stay_plain_and_synthesize_as_given(tmp_path):
    """WAFv2 rule statements are ``typing.Any`` in the bindings: plain lists and dicts with Terraform's
    own keys; the typed blocks around them are structs (an empty one too)."""
    from cdktf import App, TerraformStack
    from cdktf_cdktf_provider_aws.provider import AwsProvider

    single, many = naming.SINGLE, naming.LIST
    shapes = {"aws_wafv2_web_acl": {("rule",): many, ("default_action",): single, ("default_action", "allow"): single,
                                    ("rule", "action"): single, ("rule", "action", "block"): single,
                                    ("visibility_config",): single, ("rule", "visibility_config"): single}}
    visibility = [{"cloudwatch_metrics_enabled": True, "metric_name": "acl", "sampled_requests_enabled": True}]
    statement = [{"ip_set_reference_statement": [{"arn": Reference("aws_wafv2_ip_set.blocked", "arn")}]}]
    acl = CodifiedResource("aws_wafv2_web_acl", "acl", "id/acl/REGIONAL", {
        "name": "acl", "scope": "REGIONAL", "default_action": [{"allow": [{}]}], "visibility_config": visibility,
        "rule": [{"name": "block", "priority": 1, "action": [{"block": [{}]}], "statement": statement,
                  "visibility_config": visibility}]})
    ip_set = CodifiedResource("aws_wafv2_ip_set", "blocked", "id/blocked/REGIONAL", {
        "name": "blocked", "scope": "REGIONAL", "ip_address_version": "IPV4", "addresses": ["192.0.2.0/24"]})
    source = render_module(CodifyResult((acl, ip_set)), "Waf", shapes=shapes).source
    assert "allow=Wafv2WebAclDefaultActionAllow()" in source and '"ip_set_reference_statement": [' in source
    app = App(outdir=str(tmp_path), skip_validation=True)
    stack = TerraformStack(app, "probe")
    AwsProvider(stack, "aws", region="us-east-1")
    waf = _load(source).Waf(stack, "waf")
    app.synth()
    body = json.loads((tmp_path / "stacks" / "probe" / "cdk.tf.json").read_text())["resource"]["aws_wafv2_web_acl"]
    rule = body[waf.acl.friendly_unique_id]["rule"][0]
    assert rule["action"] == {"block": {}} and rule["statement"] == [{"ip_set_reference_statement": [
        {"arn": f"${{aws_wafv2_ip_set.{waf.blocked.friendly_unique_id}.arn}}"}]}]
