"""``python -m importer policy``: least-privilege plan/apply roles and their GitHub OIDC trust."""

from __future__ import annotations

import json
from pathlib import Path

import click

from importer.cli.options import DEFAULT_OUTPUT_ROOT, config_options, region_option, required_config
from importer.cli.errors import finish
from importer.cli.settings import SettingsError, check_account, settings_for
from importer.cli.write import write_atomic
from importer.emit.policy_md import render_policies
from importer.policy.generate import (PolicyContext, generate, name_prefix_from_backend, policy_actions,
                                      trust_policy)
from importer.policy.lint import lint_policy
from importer.policy.mapping import MappingError
from importer.policy.split import split_policy



def _caller_account(region: str) -> str:
    import boto3  # only when --account-id is not given
    try:
        return boto3.client("sts", region_name=region).get_caller_identity()["Account"]
    except Exception as error:  # noqa: BLE001 - one line for any credential or endpoint problem
        raise click.ClickException(f"cannot learn the account ID from STS ({error}); give --account-id") from error


@click.command(name="policy")
@config_options
@click.option("--output-dir", type=click.Path(path_type=Path, file_okay=False),
              help="Where to write the policies (default: imports/<stack>/policies).")
@click.option("--name-prefix", help="The environment's name prefix (default: from the backend bucket "
                                    "<prefix>tfstate, e.g. prod-retainwise-).")
@click.option("--account-id", help="AWS account ID (default: STS GetCallerIdentity).")
@region_option
@click.option("--partition", default="aws", show_default=True)
@click.option("--github-repo", required=True, help="OWNER/REPO allowed to assume the roles.")
@click.option("--github-environment", help="GitHub environment pinned in the OIDC subject.")
@click.option("--github-branch", help="Branch pinned in the OIDC subject (instead of an environment).")
def policy_command(stack, config_path, synth_dir, output_dir, name_prefix, account_id, region, partition,
                   github_repo, github_environment, github_branch) -> None:
    """Write plan-role.json, apply-role.json and trust-policy.json for one stack, linted."""
    if github_environment and github_branch:
        raise click.UsageError("give --github-environment or --github-branch, not both")
    if not github_environment and not github_branch:
        raise click.UsageError("give --github-environment or --github-branch")
    label, path, config = required_config(stack, config_path, synth_dir)
    prefix = name_prefix or name_prefix_from_backend(config.backend)
    if not prefix:
        raise click.ClickException("cannot derive the name prefix from the backend bucket; give --name-prefix")
    settings = settings_for(path, region, check_account_ids=False)
    region = settings.region
    account = account_id or _caller_account(region)
    try:
        check_account(settings.pins, account, "--account-id" if account_id else "STS GetCallerIdentity")
    except SettingsError as error:
        raise click.ClickException(str(error)) from error
    context = PolicyContext(account_id=account, region=region, name_prefix=prefix, partition=partition)
    try:
        trust = trust_policy(account, github_repo, environment=github_environment, branch=github_branch,
                             partition=partition)
        policies = generate(config, context, trust)
    except (ValueError, MappingError) as error:
        raise click.ClickException(str(error)) from error
    out = output_dir or DEFAULT_OUTPUT_ROOT / label / "policies"
    out.mkdir(parents=True, exist_ok=True)
    failed = False
    summary = []
    for kind, document in (("plan", policies.plan), ("apply", policies.apply), ("trust", policies.trust)):
        name = "trust-policy.json" if kind == "trust" else f"{kind}-role.json"
        write_atomic(out / name, json.dumps(document, indent=2) + "\n")
        parts = [] if kind == "trust" else split_policy(document)
        for old in out.glob(f"{kind}-role.managed-*.json"):
            old.unlink()
        for number, part in enumerate(parts, 1):
            write_atomic(out / f"{kind}-role.managed-{number}.json", json.dumps(part, indent=2) + "\n")
        kept, waived = lint_policy(kind, document, context.values)
        size = len(json.dumps(document, separators=(",", ":")))
        actions = len(policy_actions(document))
        click.echo(f"{out / name}: {actions} actions, {size} characters, "
                   f"{len(kept)} findings above LOW ({len(waived)} documented in lint_waivers.json)"
                   + (f"; as {len(parts)} managed policies ({kind}-role.managed-N.json)" if parts else ""))
        summary.append((name, actions, size, len(parts), len(kept)))
        for finding in kept:
            click.echo(f"  {finding}", err=True)
        failed = failed or bool(kept)
    write_atomic(out / "policies.md", render_policies(label, summary, policies.notes, policies.environment_unscoped))
    for note in policies.notes:
        click.echo(f"note: {note}")
    click.echo(f"summary for review: {out / 'policies.md'}")
    for action in policies.unscoped:
        click.echo(f"UNSCOPED: {action} could be limited to resource ARNs but no ARN of the stack matches", err=True)
    if failed or policies.unscoped:
        finish(1)
