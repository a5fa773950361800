"""Which configurations Terraform evaluates, what their digest covers, and what a batch of an
evaluated configuration writes and targets (no Terraform run: the files and arguments only)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from importer.desired.source import ConfigInput, needs_evaluation
from importer.plan import ImportPlan, Move, Orphan, PlannedImport
from importer.verify.workspace import BATCH_FILE, Workspace

FLAT = {"provider": {"aws": [{"region": "eu-west-1"}]},
        "resource": {"aws_sqs_queue": {"q": {"name": "q"}},
                     "aws_iam_policy": {"p": {"policy": '{"Resource": "arn:aws:sqs:*:${data.aws_caller_identity.c.account_id}:q"}'}},
                     "aws_sqs_queue_policy": {"qp": {"queue_url": "${aws_sqs_queue.q.id}"}}},
        "data": {"aws_caller_identity": {"c": {}}}}


@pytest.mark.parametrize("change, evaluated", [
    ({}, False),  # references to resources, and data sources inside a policy document: read directly
    ({"variable": {"n": {"default": 1}}}, True),
    ({"module": {"m": {"source": "./m"}}}, True),
    ({"locals": {"x": 1}}, True),
    ({"resource": {"aws_sqs_queue": {"q": {"name": "q", "count": 2}}}}, True),
    ({"resource": {"aws_sqs_queue": {"q": {"name": "q", "for_each": "${toset([\"a\"])}"}}}}, True),
    ({"resource": {"aws_sqs_queue": {"q": {"name": "jobs-${data.aws_caller_identity.c.account_id}"}}}}, True),
    ({"resource": {"aws_sqs_queue": {"q": {"name": "${var.prefix}-jobs"}}}}, True),
    ({"resource": {"aws_sqs_queue": {"q": {"name": "q", "tags": {"Dir": "${path.cwd}"}}}}}, True),
])
def test_what_terraform_must_evaluate(change, evaluated):
    assert needs_evaluation({**FLAT, **change}) is evaluated


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_a_directory_var_files_and_vars_are_evaluated_a_flat_file_is_not(tmp_path):
    flat = _write(tmp_path / "flat" / "main.tf.json", json.dumps(FLAT))
    assert not ConfigInput(flat).evaluated
    assert ConfigInput(flat, variables=(("a", "b"),)).evaluated
    assert ConfigInput(flat, var_files=(flat,)).evaluated
    assert ConfigInput(flat.parent).evaluated


def test_the_digest_covers_modules_outside_the_folder_var_files_and_vars_but_not_working_data(tmp_path):
    root = tmp_path / "live" / "prod"
    _write(root / "main.tf", 'module "q" {\n  source = "../../modules/queue"\n}\nprovider "aws" {\n'
                             '  region = "eu-west-2"\n  allowed_account_ids = ["111122223333"]\n}\n')
    module = _write(tmp_path / "modules" / "queue" / "main.tf", 'resource "aws_sqs_queue" "q" {}\n')
    var_file = _write(tmp_path / "prod.tfvars", 'name = "a"\n')
    config = ConfigInput(root, (var_file,), (("n", "1"),))
    first = config.digest()
    assert first == ConfigInput(root, (var_file,), (("n", "1"),)).digest()
    _write(root / ".terraform" / "modules" / "modules.json", "{}")
    _write(root / "terraform.tfstate", "{}")
    _write(root / "imports" / "prod" / "plan.json", "{}")  # the importer's own output beside the config
    assert ConfigInput(root, (var_file,), (("n", "1"),)).digest() == first
    assert ConfigInput(root, (var_file,), (("n", "2"),)).digest() != first
    module.write_text('resource "aws_sqs_queue" "q" {\n  name = "x"\n}\n')
    assert ConfigInput(root, (var_file,), (("n", "1"),)).digest() != first
    pins = config.provider_document()
    assert pins["provider"]["aws"][0] == {"region": "eu-west-2", "allowed_account_ids": ["111122223333"]}
    assert pins["terraform"]["backend"] == {}


def test_a_batch_of_an_evaluated_configuration_adds_one_file_and_targets_its_imports_moves_and_forgets(tmp_path):
    root = _write(tmp_path / "app" / "main.tf", 'resource "aws_sqs_queue" "q" {\n  for_each = toset(["a", "b"])\n'
                                                '  name = each.key\n}\n').parent
    plan = ImportPlan("app", [[PlannedImport('aws_sqs_queue.q["a"]', "aws_sqs_queue", "https://q/a")],
                              [PlannedImport('aws_sqs_queue.q["b"]', "aws_sqs_queue", "https://q/b")],
                              [PlannedImport('aws_sqs_queue.q["c"]', "aws_sqs_queue", "https://q/c")]],
                      moved=[Move("aws_sqs_queue.old", "aws_sqs_queue.kept", "https://q/k")],
                      orphaned=[Orphan("aws_sqs_queue.gone[0]", "https://q/g", True, "forget")])
    workspace = Workspace(ConfigInput(root, variables=(("region", "eu-west-1"),)))
    terraform = workspace.open(tmp_path / "work", {}, {"local": {"path": str(tmp_path / "s.tfstate")}})
    assert terraform.launch_dir == root.resolve()  # path.cwd is the user's folder
    arguments = workspace.select(plan, 2, in_state={"aws_sqs_queue.old", "aws_sqs_queue.gone[0]"})
    added = json.loads((terraform.workdir / BATCH_FILE).read_text())
    assert added["import"] == [{"to": 'aws_sqs_queue.q["b"]', "id": "https://q/b"}]
    assert added["moved"] == [{"from": "aws_sqs_queue.old", "to": "aws_sqs_queue.kept"}]
    assert added["removed"] == [{"from": "aws_sqs_queue.gone", "lifecycle": {"destroy": False}}]
    targets = sorted(argument.split("=", 1)[1] for argument in arguments if argument.startswith("-target="))
    # the batch's imports, moves and forgets: Terraform adds their dependencies, nothing else is planned
    assert targets == ["aws_sqs_queue.gone[0]", "aws_sqs_queue.kept", "aws_sqs_queue.old", 'aws_sqs_queue.q["b"]']
    # the last batch plans everything kept, so that its apply records the outputs too
    last = workspace.select(plan, 3, in_state={"aws_sqs_queue.kept", 'aws_sqs_queue.q["a"]', 'aws_sqs_queue.q["b"]'})
    assert sorted(a.split("=", 1)[1] for a in last if a.startswith("-target=")) == [
        "aws_sqs_queue.kept", 'aws_sqs_queue.q["a"]', 'aws_sqs_queue.q["b"]', 'aws_sqs_queue.q["c"]']
    [var_file] = [argument.split("=", 1)[1] for argument in arguments if argument.startswith("-var-file=")]
    assert Path(var_file).read_text() == 'region = "eu-west-1"\n'
    assert (terraform.workdir / "main.tf").read_text() == (root / "main.tf").read_text()
    # the final plan: the user's files alone, untargeted
    final = workspace.select(plan, None)
    assert not (terraform.workdir / BATCH_FILE).exists() and not [a for a in final if a.startswith("-target")]
    assert sorted(p.name for p in root.iterdir()) == ["main.tf"]  # nothing written beside the configuration
