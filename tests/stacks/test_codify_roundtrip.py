"""Codify round trips for every construct of the prod stack (issue 15 §2).

The hand-built prod account is built once and the whole stack brought into state once, through the
importer's own gate (plan, verify, apply --batch all). Each case then: puts that state back without
the construct's entries, synthesizes prod WITHOUT the construct (references other constructs make
to it become the live values, as a user's hard-coded stop-gap would), plans (the construct's objects
are ``unmanaged``), codifies them, synthesizes prod WITH the generated module in its place (the rest
of the stack rewired to the generated resources), plans again (every one of them an import, nothing
else imported, none unmanaged) and verifies on the real Terraform (every batch clean, final plan
empty). Only the construct's objects are imported: a case costs about a minute.

The cases sit in two classes so that ``pytest-xdist --dist loadscope`` can give each class its own
worker (each worker then builds the account once: the module fixture runs per worker)."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest

from tests.stacks.codify_roundtrip_tools import TOTAL, Account, addresses_of, importer, importer_env, \
    put_state_without, synth, synth_with, synth_without, stack_dir
from tests.tools import terraform_environment

pytestmark = [pytest.mark.terraform, pytest.mark.slow]
SUMMARY: dict[str, str] = {}
# construct -> the reason it cannot round-trip clean yet (strict xfail: it must fail)
KNOWN: dict[str, str] = {}


@pytest.fixture(scope="module")
def account(emulator, tmp_path_factory):
    """The prod account built once, the full prod stack in its state (gated by verify)."""
    from emulator.scenario.builder import build_account
    from stacks.config import PROD

    root = tmp_path_factory.mktemp("roundtrip")
    started = time.monotonic()
    app, _ = synth(emulator, root / "full")
    app.synth()
    full = stack_dir(root / "full")
    environ = {**terraform_environment(root), **emulator.environment()}
    env = importer_env(environ)
    emulator.reset()
    emulator.seed(11)
    report = build_account(emulator.session(), emulator.endpoint, PROD, stack_dir=full, terraform_environment=environ)
    imports = root / "imports"
    # every supported type is read, so that objects of a type the code no longer holds are unmanaged
    steps = [(0, "discover", "--output", str(imports / "inventory.json")),
             (2, "plan", "--config", str(full / "cdk.tf.json"), "--output-dir", str(imports),
              "--inventory", str(imports / "inventory.json")),
             (0, "verify", "--config", str(full / "cdk.tf.json"), "--output-dir", str(imports)),
             (0, "apply", "--config", str(full / "cdk.tf.json"), "--output-dir", str(imports), "--batch", "all")]
    for expected, *step in steps:
        done = importer(env, *step)
        assert done.returncode == expected, f"{step[0]}: {done.stdout[-3000:]}{done.stderr[-3000:]}"
    backend = json.loads((full / "cdk.tf.json").read_text())["terraform"]["backend"]["s3"]
    state = json.loads(emulator.client("s3").get_object(Bucket=backend["bucket"], Key=backend["key"])["Body"].read())
    config = json.loads((full / "cdk.tf.json").read_text())
    assert len([r for r in state["resources"] if r["mode"] == "managed"]) == \
        sum(len(items) for items in config["resource"].values())
    print(f"\naccount built and the full stack in state in {time.monotonic() - started:.0f} s")
    yield Account(env, environ, list(report.records), imports / "inventory.json", config, state,
                  backend["bucket"], backend["key"])
    print("\n| construct | resources | references | literals | literal IDs | secrets |\n|---|---|---|---|---|---|\n"
          + "\n".join(SUMMARY[name] for name in sorted(SUMMARY)))


def round_trip(construct: str, account: Account, emulator, root: Path) -> None:
    """One construct: without it, codify, with the generated module, plan and verify."""
    started = time.monotonic()
    dropped = put_state_without(account, emulator, construct)
    ids = sorted(r.import_id for r in account.records if (r.code_path or "").startswith(f"{construct}/"))
    assert ids and dropped
    without, dangling = synth_without(emulator, root / "without", construct, account.full_state)
    imports = root / "imports"
    imports.mkdir()
    shutil.copy(account.inventory, imports / "inventory.json")  # codify reads it beside plan.json
    first = importer(account.env, "plan", "--config", str(without / "cdk.tf.json"), "--output-dir", str(imports),
                     "--inventory", str(account.inventory))
    assert first.returncode in (0, 2), first.stdout[-3000:] + first.stderr[-3000:]
    plan = json.loads((imports / "plan.json").read_text())
    assert not [i for batch in plan["batches"] for i in batch["imports"]], "the rest of the stack is in state"
    assert set(ids) <= {u["id"] for u in plan["unmanaged"]}

    class_name = f"Adopted{construct.title()}"
    module = root / f"adopted_{construct}.py"
    selection = [arg for import_id in ids for arg in ("--select", import_id)]
    codified = importer(account.env, "codify", "--config", str(without / "cdk.tf.json"), "--output-dir", str(imports),
                        *selection, "--output", str(module), "--class-name", class_name)
    assert codified.returncode == 0, codified.stdout + codified.stderr
    total = TOTAL.search(codified.stdout)
    assert total, codified.stdout
    resources, references, literals, literal_ids, secrets = (int(n) for n in total.groups())
    SUMMARY[construct] = f"| {construct} | {resources} | {references} | {literals} | {literal_ids} | {secrets} |"
    print(f"\n{construct}: {len(dangling)} references of the rest of the stack resolved to live values without it\n"
          f"{codified.stdout}")
    # an import ID selects every unmanaged object holding it (an SQS queue and its policy share the URL)
    assert "not codified" not in codified.stdout and resources >= len(ids), codified.stdout
    source = module.read_text()

    with_module, renamed = synth_with(emulator, root / "with", construct, module, class_name, account.records,
                                      account.full_config)
    removed = {a for a in addresses_of(account.full_config, construct) if not a.startswith("data.")}
    assert set(renamed) == removed, "every removed resource has a generated twin"
    again = root / "imports-again"
    second = importer(account.env, "plan", "--config", str(with_module / "cdk.tf.json"), "--output-dir", str(again),
                      "--inventory", str(account.inventory))
    assert second.returncode == 2, second.stdout[-3000:] + second.stderr[-3000:]
    plan = json.loads((again / "plan.json").read_text())
    imported = {i["id"] for batch in plan["batches"] for i in batch["imports"]}
    assert imported == set(ids), "exactly the construct's objects are imported"
    assert not set(ids) & {u["id"] for u in plan["unmanaged"]}
    verified = importer(account.env, "verify", "--config", str(with_module / "cdk.tf.json"), "--output-dir", str(again))
    assert verified.returncode == 0, verified.stdout[-6000:] + verified.stderr[-2000:]
    assert json.loads((again / "verify.json").read_text())["final"]["clean"]
    assert source == module.read_text()  # nothing rewrote it
    print(f"{construct}: {len(addresses_of(account.full_config, construct))} addresses, round trip in "
          f"{time.monotonic() - started:.0f} s")


def _cases(names: list[str]) -> list:
    return [pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=KNOWN[name])) if name in KNOWN else name
            for name in names]


class TestFoundations:
    """The constructs most of the stack reads (rewired to the generated resources)."""

    @pytest.mark.parametrize("construct", _cases(["network", "security", "data", "iam", "messaging"]))
    def test_round_trip(self, construct, account, emulator, tmp_path):
        round_trip(construct, account, emulator, tmp_path)


class TestLeaves:
    """The constructs fewer others read."""

    @pytest.mark.parametrize("construct", _cases(["edge", "logs", "parameters", "compute", "functions", "alarms"]))
    def test_round_trip(self, construct, account, emulator, tmp_path):
        round_trip(construct, account, emulator, tmp_path)

