"""Dependency-ordered batches, cycles, and the ImportPlan file contract (edits included)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from importer.desired.config import load_config
from importer.graph.batches import plan_batches
from importer.graph.references import ReferenceGraph
from importer.ids import TfAddress
from importer.plan import (Ambiguous, Blocked, Cycle, IdMismatch, ImportPlan, Managed, Move, Orphan, PlanError,
                           PlannedImport)


def graph_of(tmp_path, resources: dict) -> ReferenceGraph:
    path = tmp_path / "main.tf.json"
    path.write_text(json.dumps({"resource": resources}))
    return ReferenceGraph(load_config(path))


def chain(length: int, fan: int) -> dict:
    """vpc <- subnet_i (fan) <- rta_i, plus an unrelated queue per subnet."""
    resources = {"aws_vpc": {"main": {}}, "aws_subnet": {}, "aws_route_table_association": {}, "aws_sqs_queue": {}}
    for i in range(fan):
        resources["aws_subnet"][f"s{i:02d}"] = {"vpc_id": "${aws_vpc.main.id}"}
        resources["aws_route_table_association"][f"r{i:02d}"] = {"subnet_id": f"${{aws_subnet.s{i:02d}.id}}"}
        resources["aws_sqs_queue"][f"q{i:02d}"] = {}
    return resources


def a(text: str) -> TfAddress:
    return TfAddress.parse(text)


def test_every_import_comes_after_its_dependencies_and_batches_respect_the_cap(tmp_path):
    graph = graph_of(tmp_path, chain(3, 30))
    imports = {addr for addr in graph.dependency_order()}
    batches, blocked = plan_batches(graph, imports, set(), max_size=25)
    assert blocked == [] and all(len(b) <= 25 for b in batches)
    position = {address: index for index, batch in enumerate(batches) for address in batch}
    for address in imports:
        assert all(position[d] < position[address] for d in graph.dependencies(address))
    assert sorted(position) == sorted(imports)
    assert plan_batches(graph, imports, set(), 25) == (batches, blocked)  # deterministic


def test_managed_dependencies_do_not_delay_and_missing_ones_block(tmp_path):
    graph = graph_of(tmp_path, chain(3, 2))
    imports = {a("aws_subnet.s00"), a("aws_route_table_association.r00"), a("aws_route_table_association.r01")}
    batches, blocked = plan_batches(graph, imports, {a("aws_vpc.main")})
    assert batches == [[a("aws_subnet.s00")], [a("aws_route_table_association.r00")]]
    assert [(str(b.address), [str(w) for w in b.waiting_for]) for b in blocked] == [
        ("aws_route_table_association.r01", ["aws_subnet.s01"])]


def test_cycles_are_found_and_explained_with_the_attributes(tmp_path):
    graph = graph_of(tmp_path, {"aws_security_group": {
        "a": {"description": "${aws_security_group.b.id}"}, "b": {"description": "${aws_security_group.a.id}"}}})
    [cycle] = graph.cycles()
    assert cycle.explain() == ("aws_security_group.a --(description)--> aws_security_group.b "
                               "--(description)--> aws_security_group.a")
    assert sorted(map(str, graph.dependency_order())) == ["aws_security_group.a", "aws_security_group.b"]


def sample_plan() -> ImportPlan:
    return ImportPlan(stack="prod", batches=[
        [PlannedImport("aws_subnet.a", "aws_subnet", "subnet-1", ("aws_vpc.main",))],
        [PlannedImport("aws_route_table_association.a", "aws_route_table_association", "subnet-1/rtb-1",
                       ("aws_subnet.a",))],
    ], managed=[Managed("aws_vpc.main", "vpc-1")], create=["aws_sqs_queue.new"])


def test_plan_round_trips_and_selects_exactly_the_clean_config():
    plan = ImportPlan.from_dict(json.loads(sample_plan().to_json()))
    assert plan.to_json() == sample_plan().to_json()
    keep, imports = plan.selection(1)
    assert keep == {"aws_vpc.main", "aws_subnet.a"} and [i.address for i in imports] == ["aws_subnet.a"]
    keep, imports = plan.selection(2)
    assert "aws_sqs_queue.new" not in keep and [i.id for i in imports] == ["subnet-1/rtb-1"]
    with pytest.raises(PlanError, match="batch 3 does not exist: the plan has 2"):
        plan.selection(3)


@pytest.mark.parametrize("edit, message", [
    (lambda d: d["batches"].reverse(), None),  # indexes, not list order, decide
    (lambda d: (d["batches"][0].update(index=2), d["batches"][1].update(index=1)),
     "depends on aws_subnet.a, which is neither managed"),  # indexes swapped: the dependency comes later
    (lambda d: d["batches"][1]["imports"][0].update(id="subnet-1", type="aws_subnet"), "planned for two addresses"),
    (lambda d: d["batches"][1]["imports"][0].update(address="aws_subnet.a"), "planned twice"),
    (lambda d: d.pop("managed"), "missing 'managed'"),
])
def test_edited_plans_are_checked_before_use(edit, message):
    document = json.loads(sample_plan().to_json())
    edit(document)
    if message is None:
        ImportPlan.from_dict(document)
        return
    with pytest.raises(PlanError, match=message):
        ImportPlan.from_dict(document)


def ring(tmp_path, size: int, extra: int = 0) -> ReferenceGraph:
    """Security groups g0 -> g1 -> ... -> g0 (a cycle of ``size``) plus ``extra`` independent queues."""
    groups = {f"g{i}": {"description": f"${{aws_security_group.g{(i + 1) % size}.id}}"} for i in range(size)}
    return graph_of(tmp_path, {"aws_security_group": groups,
                               **({"aws_sqs_queue": {f"q{i}": {} for i in range(extra)}} if extra else {})})


@pytest.mark.parametrize("cap", [1, 2, 3, 25])
def test_a_cycle_shares_one_batch_whatever_the_cap_and_no_address_appears_twice(tmp_path, cap):
    graph = ring(tmp_path, 3)
    batches, blocked = plan_batches(graph, set(graph.dependency_order()), set(), cap)
    assert batches == [[a("aws_security_group.g0"), a("aws_security_group.g1"), a("aws_security_group.g2")]]
    assert blocked == [] and graph.components() == [tuple(batches[0])]


def test_a_cycle_larger_than_the_cap_gets_a_batch_of_its_own_and_smaller_ones_wait_for_room(tmp_path):
    graph = ring(tmp_path, 3, extra=3)
    batches, _ = plan_batches(graph, set(graph.dependency_order()), set(), 2)
    assert [[str(x) for x in batch] for batch in batches] == [
        ["aws_security_group.g0", "aws_security_group.g1", "aws_security_group.g2"],  # 3 > cap 2: alone
        ["aws_sqs_queue.q0", "aws_sqs_queue.q1"], ["aws_sqs_queue.q2"]]
    batches, _ = plan_batches(graph, set(graph.dependency_order()), set(), 4)
    assert [[str(x) for x in batch] for batch in batches] == [  # q0..q2 sort after the groups: the ring fits
        ["aws_security_group.g0", "aws_security_group.g1", "aws_security_group.g2", "aws_sqs_queue.q0"],
        ["aws_sqs_queue.q1", "aws_sqs_queue.q2"]]


def test_a_cycle_that_waits_for_something_missing_is_blocked_whole(tmp_path):
    graph = graph_of(tmp_path, {"aws_security_group": {
        "a": {"description": "${aws_security_group.b.id}"},
        "b": {"description": "${aws_security_group.a.id}", "vpc_id": "${aws_vpc.new.id}"}},
        "aws_vpc": {"new": {}}})
    batches, blocked = plan_batches(graph, {a("aws_security_group.a"), a("aws_security_group.b")}, set())
    assert batches == []
    assert [(str(b.address), [str(w) for w in b.waiting_for]) for b in blocked] == [
        ("aws_security_group.a", ["aws_security_group.b"]), ("aws_security_group.b", ["aws_vpc.new"])]


def test_planning_a_cycle_records_it_and_the_plan_passes_its_own_contract(tmp_path):
    from importer.discovery.inventory import Inventory, LiveObject
    from importer.planner import build_plan
    from importer.specs import registry
    from importer.state.reader import TerraformState

    path = tmp_path / "main.tf.json"
    path.write_text(json.dumps({"resource": {"aws_security_group": {
        "a": {"name": "a", "description": "${aws_security_group.b.id}"},
        "b": {"name": "b", "description": "${aws_security_group.a.id}"}}}}))
    live = [LiveObject("aws_security_group", f"sg-{n}", {"name": n}, {}, ()) for n in "ab"]
    inventory = Inventory(region="us-east-1", objects=live, failures=[], types=sorted(registry()))
    plan = build_plan("main", load_config(path), TerraformState("none", False), inventory, registry(), 1)
    assert [[i.address for i in batch] for batch in plan.batches] == [["aws_security_group.a", "aws_security_group.b"]]
    assert plan.cycles == [Cycle(("aws_security_group.a", "aws_security_group.b"), (
        "aws_security_group.a --(description)--> aws_security_group.b --(description)--> aws_security_group.a",))]
    assert ImportPlan.from_dict(json.loads(plan.to_json())).to_json() == plan.to_json()
    from importer.emit.report_md import render
    assert "| `aws_security_group.a`, `aws_security_group.b` | aws_security_group.a --(description)-->" in render(plan)


@pytest.mark.parametrize("edit, pending, line", [
    (lambda p: p.batches.clear(), {}, "nothing to do; no decision pending"),
    (lambda p: None, {}, "0 moves, 2 imports in 2 batches; 0 forgets; no decision pending"),
    (lambda p: (p.batches.clear(), p.ambiguous.append(Ambiguous("aws_sqs_queue.q", ("x", "y"))),
                p.unsupported.append("aws_foo_bar.x")),
     {"ambiguous": 1, "unsupported": 1}, "nothing to do; decisions pending: 1 ambiguous, 1 unsupported (see "
                                         "report.md)"),
    (lambda p: (p.batches.clear(), p.orphaned.append(Orphan("aws_sqs_queue.old")),
                p.id_mismatch.append(IdMismatch("aws_vpc.main", "vpc-0", "vpc-1")),
                p.blocked.append(Blocked("aws_subnet.b", ("aws_vpc.new",)))),
     {"id-mismatch": 1, "orphaned": 1, "blocked": 1}, "decisions pending: 1 id-mismatch, 1 orphaned, 1 blocked"),
    (lambda p: (p.stale.append("aws_sqs_queue.gone"), p.create.append("aws_sqs_queue.new")), {},
     "0 moves, 2 imports in 2 batches; 0 forgets; no decision pending"),
    (lambda p: (p.batches.clear(), p.batches.append([]), p.moved.append(Move("aws_vpc.old", "aws_vpc.main2", "vpc-9")),
                p.orphaned.extend([Orphan("aws_sqs_queue.a", decision="forget"), Orphan("aws_sqs_queue.b")])),
     {"orphaned": 1}, "1 move, 0 imports in 1 batch; 1 forget; decisions pending: 1 orphaned (see report.md)"),
])
def test_pending_decisions_are_never_nothing_to_do(edit, pending, line):
    from importer.cli.plan import outcome_line

    plan = sample_plan()
    edit(plan)
    assert plan.pending == pending
    assert line in outcome_line(plan)


def test_plan_exits_0_only_when_nothing_is_to_import_and_nothing_pending(tmp_path):
    import os
    import subprocess
    import sys

    from importer.discovery.inventory import Inventory, LiveObject
    from importer.specs import registry

    queue = "https://sqs.us-east-1.amazonaws.com/123456789012/"
    config = tmp_path / "main.tf.json"
    config.write_text(json.dumps({"provider": {"aws": [{"region": "us-east-1"}]},
                                  "resource": {"aws_sqs_queue": {"jobs": {"name": "jobs"}}}}))
    inventory = tmp_path / "inventory.json"
    inventory.write_text(Inventory(region="us-east-1", objects=[LiveObject("aws_sqs_queue", queue + "jobs", {
        "name": "jobs"}, {}, ())], failures=[], types=sorted(registry())).to_json())

    def plan_with_state(*names: str) -> subprocess.CompletedProcess:
        state = tmp_path / "terraform.tfstate"
        state.write_text(json.dumps({"version": 4, "serial": 1, "lineage": "l", "resources": [
            {"mode": "managed", "type": "aws_sqs_queue", "name": name,
             "instances": [{"attributes": {"id": queue + name, "name": name}}]} for name in names]}))
        environ = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
        return subprocess.run([sys.executable, "-m", "importer", "plan", "--config", str(config), "--state",
                               str(state), "--inventory", str(inventory), "--output-dir", str(tmp_path / "out")],
                              capture_output=True, text=True, env={**environ, "AWS_REGION": "us-east-1"}, timeout=120)

    done = plan_with_state("jobs")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "nothing to do; no decision pending" in done.stdout
    orphaned = plan_with_state("jobs", "retired")  # in state, not in code: a decision is due
    assert orphaned.returncode == 2, orphaned.stdout + orphaned.stderr
    assert "nothing to do; decisions pending: 1 orphaned (see report.md)" in orphaned.stdout
    imported = plan_with_state()
    assert imported.returncode == 2 and "0 moves, 1 import in 1 batch; 0 forgets; no decision pending" in imported.stdout


def test_a_component_of_two_cycles_is_one_group_explained_by_its_short_cycles(tmp_path):
    from importer.planner import cycles_of

    graph = graph_of(tmp_path, {"aws_security_group": {  # a <-> b <-> c: no elementary cycle holds a and c
        "a": {"description": "${aws_security_group.b.id}"},
        "b": {"description": "${aws_security_group.a.id}", "name": "${aws_security_group.c.name}"},
        "c": {"description": "${aws_security_group.b.id}"}}})
    assert cycles_of(graph) == [Cycle(("aws_security_group.a", "aws_security_group.b", "aws_security_group.c"), (
        "aws_security_group.a --(description)--> aws_security_group.b --(description)--> aws_security_group.a",
        "aws_security_group.b --(name)--> aws_security_group.c --(description)--> aws_security_group.b"))]
    batches, _ = plan_batches(graph, set(graph.dependency_order()), set(), 1)
    assert [[str(x) for x in batch] for batch in batches] == [
        ["aws_security_group.a", "aws_security_group.b", "aws_security_group.c"]]


def adopted_plan() -> ImportPlan:
    """A plan made by build_plan from a state another project wrote and a sibling stack's state:
    a move (from a module's for_each instance), an import that depends on the moved address,
    orphans of two resources (one forgotten through --forget), and objects managed elsewhere."""
    from pathlib import Path

    from importer.cli.plan import decide_forgets
    from importer.desired.config import DesiredConfig, DesiredResource
    from importer.discovery.inventory import Inventory, LiveObject
    from importer.planner import build_plan
    from importer.specs import registry
    from importer.state.reader import parse_state

    queue = "https://sqs.us-east-1.amazonaws.com/123456789012/"

    def state(*entries: tuple[str, str, str, object]) -> object:
        resources = [{"mode": "managed", "type": "aws_sqs_queue", "name": name, **({"module": module} if module else {}),
                      "instances": [{"attributes": {"id": queue + q}, **({"index_key": k} if k is not None else {})}]}
                     for module, name, q, k in entries]
        return parse_state(json.dumps({"version": 4, "serial": 2, "lineage": "l", "resources": resources}), "s")

    config = DesiredConfig(Path("main.tf.json"), (
        DesiredResource(a("aws_sqs_queue.jobs"), {"name": "jobs"}),
        DesiredResource(a("aws_sqs_queue.dlq"), {"name": "dlq", "redrive_allow_policy": "${aws_sqs_queue.jobs.arn}"}),
    ), {})
    live = [LiveObject("aws_sqs_queue", queue + n, {"name": n}, {}, ()) for n in ("jobs", "dlq", "a", "b", "c", "s")]
    own = state(('module.q["x"]', "this", "jobs", "k.1"), ("", "old", "a", 0), ("", "old", "b", 1),
                ("", "single", "c", None))
    plan = build_plan("prod", config, own, Inventory("us-east-1", live, [], types=sorted(registry())), registry(),
                      siblings={"staging": state(("", "shared", "s", None))})
    return decide_forgets(plan, ("aws_sqs_queue.old",))


def test_an_adopted_plan_holds_moves_forgets_and_managed_elsewhere():
    plan = adopted_plan()
    assert [(m.from_, m.to) for m in plan.moved] == [('module.q["x"].aws_sqs_queue.this["k.1"]', "aws_sqs_queue.jobs")]
    assert [[i.address for i in batch] for batch in plan.batches] == [["aws_sqs_queue.dlq"]]
    assert [(o.address, o.decision) for o in plan.orphaned] == [
        ("aws_sqs_queue.old[0]", "forget"), ("aws_sqs_queue.old[1]", "forget"), ("aws_sqs_queue.single", "keep")]
    assert [(e.stack, e.address) for e in plan.managed_elsewhere] == [("staging", "aws_sqs_queue.shared")]


def test_the_report_shows_moves_orphans_with_their_next_step_and_managed_elsewhere_once_per_stack():
    from importer.emit.report_md import render
    from importer.plan import ManagedElsewhere

    plan = adopted_plan()
    plan.managed_elsewhere.append(ManagedElsewhere("aws_s3_bucket", "logs", "dev", "aws_s3_bucket.logs", "logs"))
    plan.sources = {"config": "cdktf.out/stacks/prod/cdk.tf.json"}
    report = render(plan)
    assert "| moved | 1 |" in report and "| managed-elsewhere | 2 |" in report and "| orphaned | 3 |" in report
    assert ("| `module.q[\"x\"].aws_sqs_queue.this[\"k.1\"]` | `aws_sqs_queue.jobs` | "
            "`https://sqs.us-east-1.amazonaws.com/123456789012/jobs` |") in report
    assert ('  mf0["module.q[#quot;x#quot;].aws_sqs_queue.this[#quot;k.1#quot;]"] -. moved .-> '
            'mt0["aws_sqs_queue.jobs"]') in report
    assert "  mt0 --> b1" in report and "class mf0,mt0 moved" in report  # dlq depends on the moved queue
    assert 'b1["batch 1: 1 import, 1 move, 2 forgets' in report
    rows = {line.split(" | ")[0].strip("| `"): line for line in report.splitlines() if line.startswith("| `aws_sqs")}
    assert "| yes | forget | a `removed` block for `aws_sqs_queue.old`" in rows["aws_sqs_queue.old[0]"]
    assert ("| keep | to forget it (Terraform drops it, AWS keeps it): `python -m importer plan --stack prod --forget "
            "aws_sqs_queue.single`") in rows["aws_sqs_queue.single"]
    assert "| `dev` | 1 |\n| `staging` | 1 |" in report
    assert report.count("123456789012/s`") == 1 and report.count("`logs`") == 1  # each listed once
    assert report.index("### Stack `dev` (1)") < report.index("### Stack `staging` (1)")
    assert "1 move, 1 import in 1 batch; 2 forgets; decisions pending: 1 orphaned" in report


def test_a_keyed_orphan_next_step_forgets_its_whole_resource():
    from importer.emit.report_md import orphan_rows

    plan = sample_plan()
    plan.orphaned = [Orphan('aws_sqs_queue.q["a"]', "qa", False), Orphan('aws_sqs_queue.q["b"]', "qb", None),
                     Orphan('module.m["k"].aws_sqs_queue.solo[0]', "x", True)]
    rows = orphan_rows(plan)
    assert [row[2] for row in rows] == ["no (gone)", "unknown", "yes"]
    assert "--forget aws_sqs_queue.q`" in rows[0][4] and "--forget aws_sqs_queue.q`" in rows[1][4]
    assert "--config '<config>' --forget 'module.m[\"k\"].aws_sqs_queue.solo[0]'`" in rows[2][4]


def schema_validator():
    import jsonschema

    from tests.tools import PROJECT_ROOT

    schema = json.loads((PROJECT_ROOT / "docs" / "plan.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_a_real_plan_with_moves_forgets_and_managed_elsewhere_satisfies_the_published_schema():
    document = json.loads(adopted_plan().to_json())
    assert document["moved"] and document["managed_elsewhere"] and {o["decision"] for o in document["orphaned"]} == {
        "keep", "forget"}
    validator = schema_validator()
    assert list(validator.iter_errors(document)) == []
    assert list(validator.iter_errors(json.loads(sample_plan().to_json()))) == []
    legacy = {**document, "orphaned": ["aws_sqs_queue.old"]}  # a bare address still reads as keep
    assert list(validator.iter_errors(legacy)) == [] and ImportPlan.from_dict(legacy).orphaned[0].decision == "keep"


@pytest.mark.parametrize("edit", [
    lambda d: d["orphaned"][0].update(decision="destroy"),
    lambda d: d["orphaned"][0].pop("address"),
    lambda d: d["orphaned"][0].update(live="yes"),
    lambda d: d["moved"][0].pop("to"),
    lambda d: d["managed_elsewhere"][0].pop("stack"),
    lambda d: d["managed_elsewhere"][0].update(address=3),
])
def test_the_schema_and_the_plan_reader_refuse_the_same_broken_entries(edit):
    document = json.loads(adopted_plan().to_json())
    edit(document)
    assert list(schema_validator().iter_errors(document)), "the schema accepted it"
    with pytest.raises(PlanError):
        ImportPlan.from_dict(document)


def test_the_longest_chain_is_started_first_so_batches_are_as_few_as_the_cap_and_the_chain_allow():
    from importer.desired.config import DesiredConfig, DesiredResource
    from importer.graph.batches import plan_batches
    from importer.graph.references import ReferenceGraph
    from importer.ids import TfAddress

    def sg(name, *needs):
        return DesiredResource(TfAddress.parse(f"aws_security_group.{name}"),
                               {"depends_on": [f"aws_security_group.{n}" for n in needs]} if needs else {})

    # Six independent imports sort before a chain of three: by address alone, the chain would
    # start in batch 3 and need 5 batches; started first, 3 batches hold everything.
    resources = [sg(f"a{i}") for i in range(6)] + [sg("z1"), sg("z2", "z1"), sg("z3", "z2")]
    graph = ReferenceGraph(DesiredConfig(Path("chain.tf.json"), tuple(resources), {}))
    batches, blocked = plan_batches(graph, {r.address for r in resources}, set(), 3)
    assert not blocked and [[str(a).split(".")[1] for a in batch] for batch in batches] == [
        ["a0", "a1", "z1"], ["a2", "a3", "z2"], ["a4", "a5", "z3"]]
