"""The generated least-privilege roles, proven in the emulator with IAM enforcement on.

Sufficient: with credentials of the generated roles only (obtained through the GitHub OIDC trust),
`importer plan` and `verify` run on the hand-built prod account with the plan role, every import
batch is applied with the apply role, the final plan (plan role) is empty, and the staging copy
deploys with the staging apply role. Necessary: the plan role cannot write; neither role can read
the planted SSM SecureString or Secrets Manager values; the prod apply role cannot change staging
objects where the emulator checks resources. What the emulator enforces only at action level, and
the condition keys it does not evaluate, are printed and written to ``enforcement-summary.json``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import boto3
import pytest
from botocore import UNSIGNED
from botocore.config import Config
from botocore.exceptions import ClientError

from importer.desired.config import load_config
from emulator import enforcement
from emulator.controller import Emulator
from emulator.scenario.builder import build_account
from emulator.scenario.mess import canary_value
from importer.policy.generate import PolicyContext, generate, name_prefix_from_backend, trust_policy
from importer.policy.mapping import unknown_actions
from stacks.config import PROD, STAGING
from tests.tools import PROJECT_ROOT, run, synth_for_emulator, terraform_environment

pytestmark = pytest.mark.terraform

ACCOUNT = "123456789012"
REPOSITORY = "acme/infrastructure"
TIMEOUT = 1200
# Refusals that callers expect and get past, with why; any other refusal is a finding.
TOLERATED = {"iam:GetUser": "the AWS provider looks the account ID up with iam:GetUser first and falls back to "
                            "sts:GetCallerIdentity; a role session cannot call GetUser on itself in AWS either"}


class Decisions:
    """The emulator's IAM decisions (one JSON line each), read by position."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def all(self) -> list[dict]:
        """Every decision so far."""
        return [json.loads(line) for line in self.path.read_text().splitlines()] if self.path.exists() else []

    def mark(self) -> int:
        """Position to read from later with ``since``."""
        return len(self.all())

    def since(self, mark: int) -> list[dict]:
        """Decisions taken after ``mark``."""
        return self.all()[mark:]


def denials(decisions: list[dict]) -> list[str]:
    """``principal: action on resource`` for each refusal not in TOLERATED, sorted and unique."""
    return sorted({f"{d['principal'].split('/')[-2] if 'assumed-role' in d['principal'] else d['principal']}: "
                   f"{d['action']} on {d['resource']}" for d in decisions
                   if not d["allowed"] and d["action"] not in TOLERATED})


def importer(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "importer", *args], cwd=PROJECT_ROOT, env=env, capture_output=True,
                          text=True, timeout=TIMEOUT)


def policies_for(config_path: Path, environment: str):
    """Plan/apply/trust documents generated for one synthesized stack, as `importer policy` does."""
    config = load_config(config_path)
    context = PolicyContext(ACCOUNT, "us-east-1", name_prefix_from_backend(config.backend))
    return generate(config, context, trust_policy(ACCOUNT, REPOSITORY, environment=environment))


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """One emulator for the module: prod built by hand, staging synthesized, the generated roles
    installed, their credentials taken through OIDC web identity, then enforcement on."""
    root = tmp_path_factory.mktemp("enforcement")
    decisions = Decisions(root / "decisions.jsonl")
    emulator = Emulator.start(log_path=root / "emulator.log",
                              extra_environment={"EMULATOR_IAM_DECISIONS": str(decisions.path)})
    try:
        timings: dict[str, float] = {}
        started = time.perf_counter()
        prod_dir = synth_for_emulator(PROD, emulator, root / "synth-prod")
        staging_dir = synth_for_emulator(STAGING, emulator, root / "synth-staging")
        base = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
        tf_env = base | terraform_environment(root) | emulator.environment()
        emulator.seed(3)
        build_account(emulator.session(), emulator.endpoint, PROD, stack_dir=prod_dir, terraform_environment=tf_env)
        timings["synth and build"] = time.perf_counter() - started
        iam = emulator.client("iam")
        admin = enforcement.create_admin(iam)
        enforcement.create_github_oidc_provider(iam)
        prod = policies_for(prod_dir / "cdk.tf.json", "prod")
        staging = policies_for(staging_dir / "cdk.tf.json", "staging")
        arns = {
            "plan": enforcement.create_role(iam, "ci-prod-plan", prod.trust, prod.plan),
            "apply": enforcement.create_role(iam, "ci-prod-apply", prod.trust, prod.apply),
            "staging-apply": enforcement.create_role(iam, "ci-staging-apply", staging.trust, staging.apply),
        }
        enforcement.set_enforcement(emulator.endpoint, True)
        sts = boto3.client("sts", endpoint_url=emulator.endpoint, region_name=emulator.region,
                           config=Config(signature_version=UNSIGNED))
        subjects = {"plan": "prod", "apply": "prod", "staging-apply": "staging"}
        credentials = {role: enforcement.assume_with_web_identity(
            sts, arns[role], enforcement.github_token(f"repo:{REPOSITORY}:environment:{subjects[role]}"))
            for role in arns}
        yield {"root": root, "emulator": emulator, "decisions": decisions, "admin": admin, "arns": arns,
               "credentials": credentials, "sts": sts, "prod": prod, "staging": staging, "prod_dir": prod_dir,
               "staging_dir": staging_dir, "tf_env": tf_env, "timings": timings}
    finally:
        emulator.stop()


def env_as(world, role: str) -> dict[str, str]:
    """Subprocess environment reaching the emulator with ``role``'s credentials only."""
    return world["tf_env"] | world["credentials"][role].environment()


def client_as(world, credentials: enforcement.Credentials, service: str):
    emulator = world["emulator"]
    return boto3.client(service, endpoint_url=emulator.endpoint, region_name=emulator.region,
                        config=Config(retries={"max_attempts": 1}), **credentials.boto3_arguments())


@pytest.fixture(scope="module")
def imported(world):
    """plan + verify (plan role), apply of every batch (apply role), final plan (plan role)."""
    decisions, root, timings = world["decisions"], world["root"], world["timings"]
    config = ["--config", str(world["prod_dir"] / "cdk.tf.json"), "--output-dir", str(root / "imports")]
    results, marks = {}, {}
    started = time.perf_counter()
    marks["plan role"] = decisions.mark()
    results["plan"] = importer(env_as(world, "plan"), "plan", *config)
    results["verify"] = importer(env_as(world, "plan"), "verify", *config)
    marks["apply role"] = decisions.mark()
    timings["plan and verify (plan role)"] = time.perf_counter() - started
    plan = json.loads((root / "imports" / "plan.json").read_text()) if (root / "imports" / "plan.json").exists() else {}
    results["apply"] = []
    for batch in range(1, len(plan.get("batches", [])) + 1):
        applied = importer(env_as(world, "apply"), "apply", *config, "--batch", str(batch))
        results["apply"].append(applied)
        if applied.returncode != 0:
            break
    timings["apply every batch (apply role)"] = time.perf_counter() - started - timings["plan and verify (plan role)"]
    marks["final plan"] = decisions.mark()
    stack_dir, env = world["prod_dir"], env_as(world, "plan")
    run(["terraform", "init", "-input=false", "-no-color"], stack_dir, env)
    results["final"] = subprocess.run(["terraform", "plan", "-input=false", "-no-color", "-detailed-exitcode"],
                                      cwd=stack_dir, env=env, capture_output=True, text=True, timeout=TIMEOUT)
    marks["end"] = decisions.mark()
    timings["final plan (plan role)"] = time.perf_counter() - started - sum(
        timings[k] for k in ("plan and verify (plan role)", "apply every batch (apply role)"))
    return {"results": results, "plan": plan, "marks": marks}


@pytest.fixture(scope="module")
def staging_deployed(world):
    """The staging copy applied with the staging apply role (its state bucket made by the admin)."""
    emulator, decisions = world["emulator"], world["decisions"]
    client_as(world, world["admin"], "s3").create_bucket(Bucket=STAGING.state_bucket)
    workdir, env = world["staging_dir"], env_as(world, "staging-apply")
    mark, started = decisions.mark(), time.perf_counter()
    init = subprocess.run(["terraform", "init", "-input=false", "-no-color"], cwd=workdir, env=env,
                          capture_output=True, text=True, timeout=TIMEOUT)
    apply = subprocess.run(["terraform", "apply", "-auto-approve", "-input=false", "-no-color"], cwd=workdir,
                           env=env, capture_output=True, text=True, timeout=TIMEOUT)
    second = subprocess.run(["terraform", "plan", "-input=false", "-no-color", "-detailed-exitcode"], cwd=workdir,
                            env=env, capture_output=True, text=True, timeout=TIMEOUT)
    world["timings"]["staging deploy + second plan (staging apply role)"] = time.perf_counter() - started
    assert emulator.is_alive()
    return {"init": init, "apply": apply, "second": second, "decisions": decisions.since(mark)}


def test_oidc_trust_admits_only_the_pinned_environment(world):
    token = enforcement.github_token(f"repo:{REPOSITORY}:environment:staging")
    with pytest.raises(ClientError) as refused:
        enforcement.assume_with_web_identity(world["sts"], world["arns"]["apply"], token)
    assert refused.value.response["Error"]["Code"] == "AccessDenied"
    wrong_audience = enforcement.github_token(f"repo:{REPOSITORY}:environment:prod", audience="someone-else")
    with pytest.raises(ClientError):
        enforcement.assume_with_web_identity(world["sts"], world["arns"]["plan"], wrong_audience)
    assert {c.arn.split("/")[-2] for c in world["credentials"].values()} == {"ci-prod-plan", "ci-prod-apply",
                                                                              "ci-staging-apply"}


def test_emulator_credentials_without_a_role_are_refused(world):
    anonymous = enforcement.Credentials("testing", "testing")
    with pytest.raises(ClientError):
        client_as(world, anonymous, "sqs").list_queues()


def test_plan_and_verify_succeed_with_the_plan_role_only(world, imported):
    results, decisions = imported["results"], world["decisions"].all()
    assert results["plan"].returncode == 2, results["plan"].stdout[-3000:] + results["plan"].stderr[-3000:]
    assert results["verify"].returncode == 0, results["verify"].stdout[-3000:] + results["verify"].stderr[-3000:]
    marks = imported["marks"]
    assert denials(decisions[marks["plan role"]:marks["apply role"]]) == []


def test_every_batch_applies_with_the_apply_role_and_the_final_plan_is_empty(world, imported):
    applied, batches = imported["results"]["apply"], imported["plan"]["batches"]
    assert len(applied) == len(batches) and batches
    for number, result in enumerate(applied, 1):
        assert result.returncode == 0, f"batch {number}: {result.stdout[-2000:]}{result.stderr[-3000:]}"
    final = imported["results"]["final"]
    assert final.returncode == 0, final.stdout[-3000:] + final.stderr[-3000:]
    marks, decisions = imported["marks"], world["decisions"].all()
    assert denials(decisions[marks["apply role"]:marks["end"]]) == []


def test_staging_copy_deploys_with_the_staging_apply_role(staging_deployed, world):
    for phase in ("init", "apply"):
        result = staging_deployed[phase]
        assert result.returncode == 0, f"{phase}: {result.stdout[-3000:]}\n{result.stderr[-4000:]}"
    second = staging_deployed["second"]
    assert second.returncode == 0, second.stdout[-3000:] + second.stderr[-3000:]
    assert denials(staging_deployed["decisions"]) == []
    print("\n" + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in world["timings"].items()))


def refused(world, call) -> None:
    """``call()`` must fail with an IAM refusal that the emulator logged as a denial."""
    mark = world["decisions"].mark()
    with pytest.raises(ClientError) as error:
        call()
    code = error.value.response["Error"]["Code"]
    assert code in {"AccessDenied", "AccessDeniedException", "403"}, error.value
    assert any(not d["allowed"] for d in world["decisions"].since(mark)), "refused, but not by IAM"


def test_the_plan_role_cannot_write(world, imported):
    as_plan = lambda service: client_as(world, world["credentials"]["plan"], service)  # noqa: E731
    vpc = client_as(world, world["admin"], "ec2").describe_vpcs()["Vpcs"][0]["VpcId"]
    writes = [
        lambda: as_plan("sqs").create_queue(QueueName="prod-retainwise-intruder"),
        lambda: as_plan("ec2").create_vpc(CidrBlock="10.99.0.0/16"),
        lambda: as_plan("ec2").create_security_group(GroupName="prod-retainwise-x", Description="x", VpcId=vpc),
        lambda: as_plan("s3").put_object(Bucket=PROD.state_bucket, Key=PROD.state_key, Body=b"{}"),
        lambda: as_plan("s3").create_bucket(Bucket="prod-retainwise-intruder"),
        lambda: as_plan("iam").create_role(RoleName="prod-retainwise-intruder", AssumeRolePolicyDocument="{}"),
        lambda: as_plan("ssm").put_parameter(Name="/prod-retainwise/intruder", Value="x", Type="String"),
        lambda: as_plan("sns").create_topic(Name="prod-retainwise-intruder"),
        lambda: as_plan("logs").create_log_group(logGroupName="/prod-retainwise/intruder"),
        lambda: as_plan("ecs").create_cluster(clusterName="prod-retainwise-intruder"),
        lambda: as_plan("kms").create_key(),
        lambda: as_plan("lambda").delete_function(FunctionName="prod-retainwise-legacy-export"),
    ]
    for write in writes:
        refused(world, write)


@pytest.mark.parametrize("role", ["plan", "apply"])
def test_neither_role_can_read_the_planted_secrets(world, imported, role):
    as_role = lambda service: client_as(world, world["credentials"][role], service)  # noqa: E731
    admin_secrets = client_as(world, world["admin"], "secretsmanager")
    secrets = [s["ARN"] for s in admin_secrets.list_secrets()["SecretList"] if s["Name"].startswith("prod-retainwise/")]
    assert secrets
    refused(world, lambda: as_role("ssm").get_parameter(Name=f"/{PROD.prefix}/secrets/database_url",
                                                        WithDecryption=True))
    refused(world, lambda: as_role("ssm").get_parameters(Names=[f"/{PROD.prefix}/secrets/database_url"],
                                                         WithDecryption=True))
    for arn in secrets:
        refused(world, lambda arn=arn: as_role("secretsmanager").get_secret_value(SecretId=arn))
    config_parameters = [{"Key": "Name", "Option": "BeginsWith", "Values": [f"/{PROD.prefix}/config/"]}]
    own = sorted(p["Name"] for p in client_as(world, world["admin"], "ssm").describe_parameters(
        ParameterFilters=config_parameters)["Parameters"])
    value = as_role("ssm").get_parameter(Name=own[0], WithDecryption=True)["Parameter"]["Value"]
    assert value and canary_value("ssm-securestring") not in value  # scoping, not a blanket refusal


def _staging_targets(world) -> dict:
    admin = lambda service: client_as(world, world["admin"], service)  # noqa: E731
    prefix = f"{STAGING.prefix}-"
    return {
        "queue": admin("sqs").list_queues(QueueNamePrefix=prefix)["QueueUrls"][0],
        "bucket": next(b["Name"] for b in admin("s3").list_buckets()["Buckets"]
                       if b["Name"].startswith(prefix) and b["Name"] != STAGING.state_bucket),
        "role": next(r["RoleName"] for r in admin("iam").list_roles()["Roles"] if r["RoleName"].startswith(prefix)),
        "parameter": next(p for p in admin("ssm").describe_parameters(ParameterFilters=[
            {"Key": "Name", "Option": "BeginsWith", "Values": [f"/{STAGING.prefix}/"]}])["Parameters"]
            if p["Type"] == "String"),
        "secret": next(s["ARN"] for s in admin("secretsmanager").list_secrets()["SecretList"]
                       if s["Name"].startswith(f"{STAGING.prefix}/")),
    }


def _staging_writes(world, role: str, targets: dict) -> dict:
    as_role = lambda service: client_as(world, world["credentials"][role], service)  # noqa: E731
    parameter = targets["parameter"]
    value = client_as(world, world["admin"], "ssm").get_parameter(Name=parameter["Name"])["Parameter"]["Value"]
    policy = json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "sqs:ListQueues", "Resource": "*"}]})
    return {
        "sqs:TagQueue": lambda: as_role("sqs").tag_queue(QueueUrl=targets["queue"], Tags={"Probe": "x"}),
        "s3:PutBucketTagging": lambda: as_role("s3").put_bucket_tagging(
            Bucket=targets["bucket"], Tagging={"TagSet": client_as(world, world["admin"], "s3").get_bucket_tagging(
                Bucket=targets["bucket"])["TagSet"]}),
        "iam:PutRolePolicy": lambda: as_role("iam").put_role_policy(
            RoleName=targets["role"], PolicyName="probe", PolicyDocument=policy),
        "ssm:PutParameter": lambda: as_role("ssm").put_parameter(Name=parameter["Name"], Value=value, Type="String",
                                                                 Overwrite=True),
        "secretsmanager:TagResource": lambda: as_role("secretsmanager").tag_resource(
            SecretId=targets["secret"], Tags=[{"Key": "Probe", "Value": "x"}]),
    }


def test_the_prod_apply_role_cannot_change_staging(world, imported, staging_deployed):
    targets = _staging_targets(world)
    for action, write in _staging_writes(world, "apply", targets).items():
        mark = world["decisions"].mark()
        refused(world, write)
        assert [d["resource"] for d in world["decisions"].since(mark) if d["action"] == action][0] != "*"
    for action, write in _staging_writes(world, "staging-apply", targets).items():
        write()  # the same calls are granted to staging's own role: the refusal is the resource scope
    client_as(world, world["credentials"]["staging-apply"], "iam").delete_role_policy(RoleName=targets["role"],
                                                                                      PolicyName="probe")


def test_what_the_emulator_cannot_enforce_is_reported(world, imported, staging_deployed):
    decisions = [d for d in world["decisions"].all() if "assumed-role/ci-" in d["principal"]]
    assert unknown_actions({d["action"] for d in decisions}) == []  # the emulator names actions as IAM does
    checked = {d["action"].split(":")[0] for d in decisions}
    with_resource = {d["action"].split(":")[0] for d in decisions if d["resource"] != "*"}
    resource_level = set(enforcement.resource_level_services())
    assert with_resource <= resource_level
    action_level = sorted(checked - resource_level)
    documents = [world["prod"].plan, world["prod"].apply, world["staging"].apply]
    keys = sorted({key for doc in documents for s in doc["Statement"] for test in s.get("Condition", {}).values()
                   for key in test})
    not_evaluated = [key for key in keys if key not in enforcement.evaluated_condition_keys()]
    summary = {"services checked": sorted(checked), "resource level": sorted(checked & resource_level),
               "action level only": action_level, "condition keys not evaluated": not_evaluated,
               "actions checked": len({d["action"] for d in decisions}), "timings (s)": {
                   k: round(v, 1) for k, v in world["timings"].items()}}
    (world["root"] / "enforcement-summary.json").write_text(json.dumps(summary, indent=2) + "\n")
    print("\n" + json.dumps(summary, indent=2))
    assert {"s3", "sqs", "iam", "ssm", "secretsmanager"} <= checked & resource_level
    assert {"ec2", "ecs", "elasticloadbalancing", "cloudwatch", "logs"} <= set(action_level)
    assert "s3:prefix" in not_evaluated and "iam:PassedToService" in not_evaluated
