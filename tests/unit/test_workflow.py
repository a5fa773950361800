"""The GitHub Actions workflow users copy into their infrastructure repository
(``.github/workflows/import.yml``): well-formed, OIDC only, the plan role on pull requests, the apply
role behind a protected environment, and every ``python -m importer`` command it runs a real
subcommand with real options (checked against the click commands themselves)."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
from pathlib import Path

import click
import pytest
import yaml

from importer.cli import cli
from importer.verify.verify import VerifyResult
from stacks.config import ENVIRONMENTS
from tests.tools import PROJECT_ROOT

WORKFLOW = PROJECT_ROOT / ".github" / "workflows" / "import.yml"
TEXT = WORKFLOW.read_text()
DOCUMENT = yaml.safe_load(TEXT)
JOBS = DOCUMENT["jobs"]
EXPRESSION = re.compile(r"\$\{\{.*?\}\}", re.DOTALL)
IMPORTER = re.compile(r"python -m importer\b")


def _steps(job: str) -> list[dict]:
    return JOBS[job]["steps"]


def _uses(job: str, action: str) -> list[dict]:
    return [step for step in _steps(job) if step.get("uses", "").split("@")[0] == action]


def _scripts() -> list[tuple[str, str]]:
    return [(f"{job}/{step.get('name', step.get('uses'))}", step["run"])
            for job, body in JOBS.items() for step in body["steps"] if "run" in step]


def _importer_commands() -> list[tuple[str, list[str]]]:
    """(where, argv after ``python -m importer``) for every importer call in a run script."""
    found = []
    for where, script in _scripts():
        joined = script.replace("\\\n", " ")
        for line in joined.splitlines():
            for match in IMPORTER.finditer(line):
                lexer = shlex.shlex(line[match.end():], posix=True, punctuation_chars=";&|()")
                lexer.whitespace_split = True
                argv = []
                for token in lexer:
                    if token and set(token) <= set(";&|()"):
                        break  # the end of this command (;, ||, &&, |, a subshell)
                    argv.append(token)
                found.append((where, argv))
    return found


def test_the_workflow_parses_and_has_the_three_triggers():
    triggers = DOCUMENT.get("on", DOCUMENT.get(True))  # YAML 1.1 reads a bare `on` as True
    assert set(triggers) == {"pull_request", "push", "workflow_dispatch"}
    assert triggers["push"]["branches"] == ["main"]
    assert set(JOBS) == {"verify", "apply"}


def test_no_long_lived_keys_anywhere():
    lowered = TEXT.lower()
    for forbidden in ("aws-access-key-id", "aws-secret-access-key", "aws_access_key_id", "aws_secret_access_key",
                      "aws-session-token"):
        assert forbidden not in lowered, forbidden
    assert not re.search(r"\bsecrets\.\w", TEXT), "the workflow reads no repository secrets at all"


def test_nothing_gets_write_permissions_by_default():
    assert DOCUMENT["permissions"] == {}
    for name, job in JOBS.items():
        granted = job["permissions"]
        assert granted.get("id-token") == "write", name
        assert granted.get("contents") == "read", name
        assert "write" not in {value for key, value in granted.items() if key not in ("id-token", "pull-requests")}


def test_every_aws_credential_comes_from_oidc_with_a_role_variable():
    roles = {}
    for name in JOBS:
        steps = _uses(name, "aws-actions/configure-aws-credentials")
        assert len(steps) == 1, name
        inputs = steps[0]["with"]
        assert set(inputs) <= {"role-to-assume", "role-session-name", "aws-region", "role-duration-seconds"}
        assert re.fullmatch(r"\$\{\{ vars\.[A-Z_]+ \}\}", inputs["role-to-assume"]), inputs["role-to-assume"]
        assert "vars.AWS_REGION" in inputs["aws-region"]
        roles[name] = inputs["role-to-assume"]
    assert roles == {"verify": "${{ vars.PLAN_ROLE_ARN }}", "apply": "${{ vars.APPLY_ROLE_ARN }}"}


def test_pull_requests_only_plan_and_apply_waits_for_a_protected_environment():
    verify, apply = JOBS["verify"], JOBS["apply"]
    assert "pull_request" not in verify["if"] or "head.repo.full_name == github.repository" in verify["if"]
    assert verify["environment"]["name"] == "${{ matrix.stack }}-plan"
    assert apply["environment"]["name"] == "${{ matrix.stack }}"
    assert apply["needs"] == "verify"
    assert apply["if"] == "github.event_name != 'pull_request'"
    assert "APPLY_ROLE_ARN" not in yaml.safe_dump(verify) and "PLAN_ROLE_ARN" not in yaml.safe_dump(apply)
    # the apply job refuses an environment without required reviewers before it asks for credentials
    names = [step.get("name", step.get("uses", "")) for step in apply["steps"]]
    guard = names.index("Refuse an environment without required reviewers")
    credentials = next(i for i, step in enumerate(apply["steps"])
                       if step.get("uses", "").startswith("aws-actions/configure-aws-credentials"))
    assert guard == 0 < credentials
    assert "required_reviewers" in apply["steps"][guard]["run"] and apply["permissions"]["actions"] == "read"


def test_applies_never_overlap_per_environment():
    concurrency = JOBS["apply"]["concurrency"]
    assert "${{ matrix.stack }}" in concurrency["group"] and concurrency["cancel-in-progress"] is False
    assert "${{ matrix.stack }}" in JOBS["verify"]["concurrency"]["group"]


def test_the_stack_matrix_and_the_dispatch_choices_are_the_project_environments():
    dispatch = DOCUMENT.get("on", DOCUMENT.get(True))["workflow_dispatch"]["inputs"]["stack"]
    assert set(dispatch["options"]) == set(ENVIRONMENTS)
    assert JOBS["verify"]["strategy"]["matrix"] == JOBS["apply"]["strategy"]["matrix"]


def test_apply_uses_exactly_what_verify_uploaded():
    uploaded = _uses("verify", "actions/upload-artifact")[0]["with"]
    downloaded = _uses("apply", "actions/download-artifact")[0]["with"]
    assert uploaded["name"] == downloaded["name"] == "import-${{ matrix.stack }}"
    assert set(uploaded["path"].split("\n")) - {""} == {"cdktf.out/stacks/${{ matrix.stack }}/",
                                                         "imports/${{ matrix.stack }}/"}
    assert not _uses("apply", "actions/setup-node"), "apply must not synthesize again: it applies the verified synth"


def test_actions_are_pinned_and_jobs_time_out():
    for name, job in JOBS.items():
        assert 0 < job["timeout-minutes"] <= 120, name
        for step in job["steps"]:
            if "uses" in step:
                assert re.fullmatch(r"[\w.-]+/[\w.-]+@(v\d+(\.\d+)*|[0-9a-f]{40})", step["uses"]), step["uses"]


@pytest.mark.terraform  # runs the machine's `terraform version`
def test_terraform_is_the_version_this_project_uses_and_the_wrapper_is_off():
    version = DOCUMENT["env"]["TERRAFORM_VERSION"]
    assert version.startswith("1.11.")
    for name in JOBS:
        inputs = _uses(name, "hashicorp/setup-terraform")[0]["with"]
        assert inputs["terraform_version"] == "${{ env.TERRAFORM_VERSION }}" and inputs["terraform_wrapper"] is False
    binary = shutil.which("terraform")
    if binary:  # the machine's own Terraform, when there is one, is the same minor version
        local = subprocess.run([binary, "version", "-json"], capture_output=True, text=True, check=True).stdout
        assert f'"terraform_version": "{version.rsplit(".", 1)[0]}.' in local.replace('":"', '": "')


def test_every_importer_command_is_a_real_subcommand_with_real_options():
    commands = _importer_commands()
    assert {argv[0] for _, argv in commands} == {"plan", "verify", "apply"}
    for where, argv in commands:
        command = cli.commands.get(argv[0])
        assert isinstance(command, click.Command), f"{where}: no importer command {argv[0]!r}"
        options = {opt: param for param in command.params if isinstance(param, click.Option)
                   for opt in param.opts + param.secondary_opts}
        given, rest = set(), argv[1:]
        while rest:
            token = rest.pop(0)
            name, _, inline = token.partition("=")
            assert name in options, f"{where}: `importer {argv[0]}` has no option {name} ({' '.join(argv)})"
            param = options[name]
            given.add(param.name)
            if not param.is_flag and not inline:
                assert rest, f"{where}: {name} needs a value"
                rest.pop(0)
        missing = [param.opts[0] for param in command.params if isinstance(param, click.Option) and param.required
                   and param.name not in given]
        assert not missing, f"{where}: `importer {argv[0]}` misses {missing}"
        assert "stack" in given, f"{where}: every call names the stack"


def test_plan_exit_code_2_is_not_a_failure():
    """``importer plan`` exits 2 when imports are planned: every call captures the status and
    decides, instead of letting ``bash -e`` fail the step."""
    for where, script in _scripts():
        for line in script.splitlines():
            if re.search(r"python -m importer plan\b", line):
                assert line.rstrip().endswith("|| status=$?"), f"{where}: {line.strip()}"
    verify_plan = next(step["run"] for step in _steps("verify") if step.get("id") == "plan")
    assert re.search(r"^\s*2\) .*imports=true", verify_plan, re.MULTILINE)
    assert re.search(r"^\s*\*\) .*exit", verify_plan, re.MULTILINE)


def test_apply_goes_batch_by_batch_and_stops_at_the_first_failure():
    script = next(step["run"] for step in _steps("apply") if step.get("name") == "Apply the verified batches in order")
    assert "jq '.batches | length'" in script and 'seq 1 "$batches"' in script
    assert re.search(r'if ! pipenv run python -m importer apply --stack "\$STACK" --batch "\$batch"; then', script)
    assert re.search(r"exit 1\n\s*fi", script)
    # the keys the workflow reads with jq are the ones the importer writes
    assert '"clean": true' in VerifyResult("s", "digest", {}, final={"clean": True}).to_json()
    check = next(step["run"] for step in _steps("apply") if step.get("name") == "Check verify passed")
    assert ".clean == true" in check
    final = next(step["run"] for step in _steps("apply") if step.get("name", "").startswith("Final plan"))
    assert "-detailed-exitcode" in final and "importer plan" in final


@pytest.mark.parametrize("where, script", _scripts(), ids=[where for where, _ in _scripts()])
def test_every_run_script_is_valid_bash(where, script):
    text = EXPRESSION.sub("EXPR", script)
    result = subprocess.run(["bash", "-n"], input=text, capture_output=True, text=True)
    assert result.returncode == 0, f"{where}: {result.stderr}"


def test_the_pull_request_comment_script_is_valid_javascript(tmp_path):
    node = shutil.which("node") or str(PROJECT_ROOT / "node_modules" / ".bin" / "node")
    if not Path(node).exists():
        pytest.skip("node not found (neither on PATH nor in node_modules/.bin)")
    script = next(step["with"]["script"] for step in _steps("verify")
                  if step.get("uses", "").startswith("actions/github-script"))
    source = tmp_path / "comment.js"
    source.write_text(f"(async ({{ github, context }}) => {{\n{script}\n}});\n")
    result = subprocess.run([node, "--check", str(source)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
