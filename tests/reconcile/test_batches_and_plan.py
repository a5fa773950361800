"""Dependency-ordered batches, cycles, and the ImportPlan file contract (edits included)."""

from __future__ import annotations

import json

import pytest

from importer.desired.config import load_config
from importer.graph.batches import plan_batches
from importer.graph.references import ReferenceGraph
from importer.ids import TfAddress
from importer.plan import ImportPlan, PlanError, PlannedImport


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
    ], managed=[{"address": "aws_vpc.main", "id": "vpc-1"}], create=["aws_sqs_queue.new"])


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
    (lambda d: d["batches"][0].update(index=3), "depends on aws_subnet.a, which is neither managed"),
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
