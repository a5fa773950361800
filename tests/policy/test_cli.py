"""``python -m importer policy`` end to end (no AWS: the account ID is given)."""

from __future__ import annotations

import json

from click.testing import CliRunner

from importer.cli import cli
from tests.policy.conftest import stack_path


def test_policy_command_writes_the_three_documents(tmp_path):
    config = stack_path("prod")
    out = tmp_path / "policies"
    result = CliRunner().invoke(cli, ["policy", "--config", str(config), "--output-dir", str(out),
                                      "--account-id", "111122223333", "--region", "us-east-1",
                                      "--github-repo", "acme/infra", "--github-branch", "main"])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    assert {"apply-role.json", "plan-role.json", "trust-policy.json", "plan-role.managed-1.json",
            "apply-role.managed-1.json"} <= set(names)
    assert all(n.split(".")[0] in ("apply-role", "plan-role", "trust-policy") for n in names if n != "policies.md")
    review = (out / "policies.md").read_text()
    assert "| `apply-role.json` |" in review and "## Writes IAM cannot limit to this environment" in review
    assert "`sns:Unsubscribe on *`" in review
    plan = json.loads((out / "plan-role.json").read_text())
    assert any("arn:aws:sqs:us-east-1:111122223333:*" in s["Resource"] for s in plan["Statement"])
    trust = json.loads((out / "trust-policy.json").read_text())
    assert trust["Statement"][0]["Condition"]["StringEquals"][
        "token.actions.githubusercontent.com:sub"] == "repo:acme/infra:ref:refs/heads/main"
    assert "0 findings above LOW" in result.output


def test_name_prefix_option_overrides_the_backend(tmp_path):
    result = CliRunner().invoke(cli, ["policy", "--config", str(stack_path("dev")), "--output-dir", str(tmp_path),
                                      "--account-id", "111122223333", "--name-prefix", "sandbox-app-",
                                      "--github-repo", "acme/infra", "--github-environment", "dev"])
    assert result.exit_code == 0, result.output
    apply = (tmp_path / "apply-role.json").read_text()
    assert "sandbox-app-*" in apply and "dev-retainwise-*" not in apply


def test_usage_errors_name_the_problem(tmp_path):
    runner = CliRunner()
    base = ["policy", "--account-id", "111122223333", "--github-repo", "acme/infra"]
    assert "give --stack or --config" in runner.invoke(cli, base + ["--github-environment", "prod"]).output
    both = runner.invoke(cli, base + ["--stack", "prod", "--github-environment", "prod", "--github-branch", "main"])
    assert both.exit_code == 2 and "not both" in both.output
    missing = runner.invoke(cli, base + ["--config", str(tmp_path / "nope.json"), "--github-environment", "prod"])
    assert missing.exit_code == 1 and "no such file" in missing.output


def test_the_account_comes_from_sts_when_not_given(tmp_path, monkeypatch):
    import importer.cli.policy as cli_policy
    monkeypatch.setattr(cli_policy, "_caller_account", lambda region: "444455556666")
    result = CliRunner().invoke(cli, ["policy", "--config", str(stack_path("staging")), "--output-dir", str(tmp_path),
                                      "--github-repo", "acme/infra", "--github-environment", "staging"])
    assert result.exit_code == 0, result.output
    assert "444455556666" in (tmp_path / "trust-policy.json").read_text()
