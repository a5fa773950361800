"""The plan.json contract at load: every hand edit that cannot be right is refused with one line
naming the file and the offending value (never a traceback), and a plan naming resources the
configuration does not declare is refused before any Terraform run, in well under a second."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from importer.cli.apply import apply_command
from importer.cli.verify import verify_command
from importer.plan import Cycle, ImportPlan, Managed, PlanError, PlannedImport


def sample() -> dict:
    """A valid plan: a managed VPC, a two-member cycle in batch 1, a dependent in batch 2."""
    return json.loads(ImportPlan(stack="prod", batches=[
        [PlannedImport("aws_security_group.a", "aws_security_group", "sg-a", ("aws_security_group.b", "aws_vpc.main")),
         PlannedImport("aws_security_group.b", "aws_security_group", "sg-b", ("aws_security_group.a",)),
         PlannedImport("aws_subnet.s", "aws_subnet", "subnet-1", ("aws_vpc.main",))],
        [PlannedImport("aws_route_table_association.r", "aws_route_table_association", "subnet-1/rtb-1",
                       ("aws_subnet.s",))],
    ], managed=[Managed("aws_vpc.main", "vpc-1")],
        cycles=[Cycle(("aws_security_group.a", "aws_security_group.b"))]).to_json())


def first_import(document: dict, batch: int = 0, position: int = 0) -> dict:
    return document["batches"][batch]["imports"][position]


BAD_EDITS = {
    "same address twice in one batch": (
        lambda d: first_import(d, 0, 2).update(address="aws_security_group.a", type="aws_security_group", id="sg-x"),
        r"batch 1: aws_security_group\.a is planned twice"),
    "same live ID twice in one batch": (
        lambda d: first_import(d, 0, 1).update(id="sg-a"), r"live aws_security_group 'sg-a' is planned for two"),
    "address that does not parse": (
        lambda d: first_import(d, 1).update(address="BogusAddress"), r"'BogusAddress' is not a resource address"),
    "an import of an object the state holds at a managed address": (
        lambda d: first_import(d, 0, 2).update(address="aws_vpc.copy", type="aws_vpc", id="vpc-1", depends_on=[]),
        r"batch 1: aws_vpc\.copy: live aws_vpc 'vpc-1' is held by state address aws_vpc\.main"),
    "an import of an object a module instance in state holds": (
        lambda d: (d.__setitem__("orphaned", [{"address": 'module.net.aws_subnet.private["a.b"]', "id": "subnet-1"}])),
        r"live aws_subnet 'subnet-1' is held by state address module\.net\.aws_subnet\.private\[\"a\.b\"\]"),
    "an import of an object another stack's state holds": (
        lambda d: d.__setitem__("managed_elsewhere", [{"type": "aws_subnet", "id": "subnet-1", "stack": "staging",
                                                       "address": "aws_subnet.s"}]),
        r"held by state address aws_subnet\.s \(stack staging\)"),
    "an import of an object a move takes": (
        lambda d: d.__setitem__("moved", [{"from": "aws_subnet.old[0]", "to": "aws_subnet.other", "id": "subnet-1"}]),
        r"held by state address aws_subnet\.old\[0\]"),
    "a move across types": (
        lambda d: d.__setitem__("moved", [{"from": "aws_alb.old", "to": "aws_lb.new", "id": "arn:x"}]),
        r"moved\[0\]: aws_alb\.old -> aws_lb\.new changes the type, which Terraform cannot move"),
    "a move to a managed address": (
        lambda d: d.__setitem__("moved", [{"from": "aws_vpc.old", "to": "aws_vpc.main", "id": "vpc-9"}]),
        r"moved\[0\]: aws_vpc\.main is managed already"),
    "two moves from one address": (
        lambda d: d.__setitem__("moved", [{"from": "aws_vpc.old", "to": "aws_vpc.a", "id": "vpc-8"},
                                          {"from": "aws_vpc.old", "to": "aws_vpc.b", "id": "vpc-8"}]),
        r"moved\[1\]: aws_vpc\.old is in two moves"),
    "a move from an address that does not parse": (
        lambda d: d.__setitem__("moved", [{"from": "aws_vpc.old[x]", "to": "aws_vpc.a", "id": "vpc-8"}]),
        r"moved\[0\]: 'aws_vpc\.old\[x\]' is not a resource address"),
    "an orphan decision that is neither keep nor forget": (
        lambda d: d.__setitem__("orphaned", [{"address": "aws_sqs_queue.q", "decision": "destroy"}]),
        r"orphaned\[0\]\.decision must be \"keep\" or \"forget\", not a string \"destroy\""),
    "orphans of one resource decided differently": (
        lambda d: d.__setitem__("orphaned", [{"address": "aws_sqs_queue.q[0]", "decision": "forget"},
                                             {"address": "aws_sqs_queue.q[1]", "decision": "keep"}]),
        r"aws_sqs_queue\.q\[0\] is \"forget\" but aws_sqs_queue\.q\[1\] is \"keep\""),
    "forgets without any batch": (
        lambda d: (d.__setitem__("orphaned", [{"address": "aws_sqs_queue.q", "decision": "forget"}]),
                   d.__setitem__("batches", []), d.__setitem__("cycles", [])),
        r"moves and forgets are applied with batch 1, but the plan has no batches"),
    "batches given as an object": (
        lambda d: d.update(batches={"1": d["batches"][0]}), r"batches must be an array, not an object"),
    "batch given as a list": (lambda d: d["batches"].__setitem__(1, []), r"batches\[1\] must be an object, not an array"),
    "index as text": (lambda d: d["batches"][1].update(index="2"), r'index must be a number, not a string "2"'),
    "index as a boolean": (lambda d: d["batches"][0].update(index=True), r"index must be a number, not a boolean"),
    "imports as null": (lambda d: d["batches"][1].update(imports=None), r"batch 2: imports must be an array, not null"),
    "import as text": (lambda d: d["batches"][1]["imports"].append("aws_sqs_queue.q"),
                       r'imports\[1\] must be an object, not a string "aws_sqs_queue.q"'),
    "depends_on as text": (lambda d: first_import(d, 1).update(depends_on="aws_subnet.s"),
                           r'depends_on must be an array, not a string "aws_subnet.s"'),
    "depends_on holding a number": (lambda d: first_import(d, 1).update(depends_on=[7]),
                                    r"depends_on\[0\] must be a string, not a number 7"),
    "managed as an object": (lambda d: d.update(managed={"aws_vpc.main": "vpc-1"}), r"managed must be an array"),
    "managed entry without address": (lambda d: d["managed"][0].pop("address"), r"managed\[0\] has no 'address'"),
    "stack as a number": (lambda d: d.update(stack=3), r"stack must be a string, not a number 3"),
    "create holding an object": (lambda d: d.update(create=[{}]), r"create\[0\] must be a string, not an object"),
    "cycles in the old text form": (lambda d: d.update(cycles=["a --(x)--> b"]),
                                    r"cycles\[0\] must be an object with 'addresses'"),
    "type with no discovery spec": (
        lambda d: first_import(d, 1).update(address="aws_bogus_thing.x", type="aws_bogus_thing"),
        r"no discovery spec for type 'aws_bogus_thing'"),
    "null ID": (lambda d: first_import(d, 1).update(id=None), r"batch 2: imports\[0\]\.id must be a string, not null"),
    "empty ID": (lambda d: first_import(d, 1).update(id="  "), r"aws_route_table_association\.r: the import ID is empty"),
    "batch index gap": (lambda d: d["batches"][1].update(index=3), r"batch indexes must be 1\.\.2 without gaps, found \[1, 3\]"),
    "batch index duplicate": (lambda d: d["batches"][1].update(index=1), r"batch index 1 appears twice"),
    "batch index zero": (lambda d: (d["batches"][0].update(index=0), d["batches"][1].update(index=1)),
                         r"found \[0, 1\]"),
    "type differs from the address's": (
        lambda d: first_import(d, 1).update(type="aws_subnet"),
        r"type 'aws_subnet' is not the address's type 'aws_route_table_association'"),
    "same-batch dependency outside any cycle": (
        lambda d: first_import(d, 0, 2).update(depends_on=["aws_security_group.a"]),
        r"aws_subnet\.s depends on aws_security_group\.a in the same batch, but no listed cycle holds both"),
    "cycle no longer listed": (lambda d: d.update(cycles=[]), r"aws_security_group\.a depends on aws_security_group\.b "
                                                              r"in the same batch"),
    "address in two cycles": (
        lambda d: d["cycles"].append({"addresses": ["aws_security_group.b", "aws_subnet.s"]}),
        r"aws_security_group\.b is listed in two cycles"),
    "dependency in a later batch": (
        lambda d: (d["batches"][0].update(index=2), d["batches"][1].update(index=1)),
        r"aws_route_table_association\.r depends on aws_subnet\.s, which is neither managed nor imported in an earlier"),
    "top level is a list": (lambda d: [d], r"the top level must be an object, not an array"),
}


def test_the_sample_plan_is_valid_and_keeps_its_cycle_in_one_batch():
    plan = ImportPlan.from_dict(sample())
    assert [len(batch) for batch in plan.batches] == [3, 1]
    assert plan.cycles == [Cycle(("aws_security_group.a", "aws_security_group.b"), ())]


@pytest.mark.parametrize("case", sorted(BAD_EDITS))
def test_each_bad_edit_is_refused_at_load_with_one_line_naming_the_file_and_value(case, tmp_path):
    edit, reason = BAD_EDITS[case]
    document = sample()
    edited = edit(document)
    document = edited if isinstance(edited, list) else document
    with pytest.raises(PlanError, match=reason) as refused:
        ImportPlan.from_dict(document)
    assert str(refused.value).startswith("plan.json: ") and "\n" not in str(refused.value)
    path = tmp_path / "imports" / "prod" / "plan.json"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps(document))
    with pytest.raises(PlanError, match=reason) as refused:
        ImportPlan.load(path)
    assert str(refused.value).startswith(f"{path}: ")


def test_plans_naming_resources_the_configuration_does_not_declare_are_refused():
    plan = ImportPlan.from_dict(sample())
    declared = ["aws_vpc.main", "aws_security_group.a", "aws_security_group.b", "aws_subnet.s",
                "aws_route_table_association.r", "aws_sqs_queue.extra"]
    plan.check_against(declared)
    with pytest.raises(PlanError, match=r"^plan\.json: 2 address\(es\) not in the configuration: "
                                        r"aws_route_table_association\.r, aws_vpc\.main \(run plan again"):
        plan.check_against(declared[1:4])


def test_moves_to_undeclared_addresses_and_forgets_of_declared_resources_are_refused():
    document = sample()
    document["moved"] = [{"from": "aws_subnet.old[0]", "to": "aws_subnet.t", "id": "subnet-9"}]
    document["orphaned"] = [{"address": 'module.m["k"].aws_sqs_queue.extra[1]', "id": "q", "decision": "forget"}]
    plan = ImportPlan.from_dict(document)
    declared = ["aws_vpc.main", "aws_security_group.a", "aws_security_group.b", "aws_subnet.s",
                "aws_route_table_association.r"]
    with pytest.raises(PlanError, match=r"1 address\(es\) not in the configuration: aws_subnet\.t "):
        plan.check_against(declared)
    plan.check_against([*declared, "aws_subnet.t"])
    with pytest.raises(PlanError, match=r"forget of module\.m\.aws_sqs_queue\.extra, which the configuration still "
                                        r"declares"):
        plan.check_against([*declared, "aws_subnet.t", 'module.m["j"].aws_sqs_queue.extra[0]'])


def write_config_and_plan(root: Path, imports: int) -> tuple[Path, Path]:
    """A one-queue configuration (local state) and a hand-edited plan of ``imports`` made-up queues."""
    config = root / "main.tf.json"
    config.write_text(json.dumps({"provider": {"aws": [{"region": "us-east-1"}]},
                                  "resource": {"aws_sqs_queue": {"jobs": {"name": "jobs"}}}}))
    made_up = [PlannedImport(f"aws_sqs_queue.fake{n:05d}", "aws_sqs_queue", f"https://q/fake{n:05d}")
               for n in range(imports)]
    plan = ImportPlan(stack="main.tf.json", batches=[made_up[i:i + 25] for i in range(0, imports, 25)])
    output = root / "out"
    output.mkdir()
    (output / "plan.json").write_text(plan.to_json())
    return config, output


@pytest.mark.parametrize("command, extra", [(verify_command, []), (apply_command, ["--batch", "1"])])
def test_a_plan_of_20000_made_up_imports_is_refused_before_terraform_runs(command, extra, tmp_path, monkeypatch):
    """The contract check runs before any Terraform process (its speed is a benchmark's business:
    a wall-clock bound here only measured the machine's load)."""
    import importer.terraform.runner as runner

    launched: list[list[str]] = []
    monkeypatch.setattr(runner, "run_in_own_group", lambda command, *a, **k: launched.append(command) or 1 / 0)
    config, output = write_config_and_plan(tmp_path, 20_000)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("AWS_REGION", "us-east-1")
    monkeypatch.delenv("AWS_DEFAULT_REGION", raising=False)
    result = CliRunner().invoke(command, ["--config", str(config), "--output-dir", str(output), *extra])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    message = result.output.strip()
    assert message == (f"Error: {output / 'plan.json'}: 20000 address(es) not in the configuration: "
                       "aws_sqs_queue.fake00000, aws_sqs_queue.fake00001, aws_sqs_queue.fake00002, "
                       "aws_sqs_queue.fake00003, aws_sqs_queue.fake00004 and 19995 more (run plan again, or fix "
                       "the edit)")
    assert "Traceback" not in result.output
    assert sorted(p.name for p in output.iterdir()) == ["plan.json"]  # nothing written
    assert launched == []
