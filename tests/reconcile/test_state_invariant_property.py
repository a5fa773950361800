"""The invariant of issue 13, as a property over generated inputs: an object held by any state
entry (this stack's, at any address form, or a sibling stack's) is never imported to another
address, in every class and batch, whether the plan comes from the planner, from import blocks in
the code, or from a hand edit of plan.json (refused at load, and by the real state at verify,
apply and IMPORT_BATCH). Every state entry ends in exactly one place; every live object in at most one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from importer.desired.config import DesiredConfig, DesiredResource
from importer.discovery.inventory import Inventory, LiveObject
from importer.ids import TfAddress
from importer.plan import ImportPlan, PlanError
from importer.plan_contract import check_against_state
from importer.planner import build_plan
from importer.specs import registry
from importer.state.reader import TerraformState, parse_state

TYPES = ("aws_sqs_queue", "aws_ecr_repository")
NAMES = ("a", "b", "c", "d")
KEYS = st.one_of(st.integers(0, 3), st.sampled_from(["x", "a.b", 'q"u', "[k]", "ü"]))
SPECS = registry()


def state_of(entries: dict[TfAddress, str]) -> TerraformState:
    grouped: dict[tuple, dict] = {}
    for address, id_ in entries.items():
        entry = grouped.setdefault((address.module, str(address.type), address.name), {
            "mode": "managed", "type": str(address.type), "name": address.name, "instances": [],
            **({"module": address.module} if address.module else {})})
        entry["instances"].append({"attributes": {"id": id_}, **({} if address.key is None else {"index_key": address.key})})
    return parse_state(json.dumps({"version": 4, "serial": 1, "lineage": "l", "resources": list(grouped.values())}),
                       "generated.tfstate")


@st.composite
def address_forms(draw, type_name: str, code: list[TfAddress]) -> TfAddress:
    """A state address in one of the forms real projects write, or one of the code's addresses."""
    name = draw(st.sampled_from(["s0", "s1", "legacy", "this"]))
    form = draw(st.sampled_from(["code", "root", "count/for_each", "module"]))
    if form == "code" and code:
        return draw(st.sampled_from(code))
    if form == "root":
        return TfAddress.parse(f"{type_name}.{name}")
    type_ = TfAddress.parse(f"{type_name}.{name}").type
    key = draw(KEYS)
    if form == "module":
        module_key = draw(st.one_of(st.none(), KEYS))
        module = "module.m" + ("" if module_key is None else f"[{json.dumps(module_key, ensure_ascii=False)}]")
        return TfAddress(type_, name, module, draw(st.one_of(st.none(), KEYS)))
    return TfAddress(type_, name, "", key)


@st.composite
def worlds(draw):
    live = [LiveObject(t, f"{t}-{i}", {"name": draw(st.sampled_from(NAMES))}, {}, ())
            for t in TYPES for i in range(draw(st.integers(0, 5)))]
    code = {TfAddress.parse(f"{t}.c{j}"): {"name": draw(st.sampled_from(NAMES))}
            for t in TYPES for j in range(draw(st.integers(0, 4)))}
    ids = {t: [o.import_id for o in live if o.type == t] + [f"{t}-gone"] for t in TYPES}

    def entries(count: int) -> dict[TfAddress, str]:
        found = {}
        for _ in range(count):
            type_name = draw(st.sampled_from(TYPES))
            address = draw(address_forms(type_name, [a for a in code if str(a.type) == type_name]))
            found[address] = draw(st.sampled_from(ids[type_name]))
        return found

    own, sibling = entries(draw(st.integers(0, 7))), entries(draw(st.integers(0, 3)))
    presets = [{"to": str(a), "id": draw(st.sampled_from(ids[str(a.type)]))}
               for a in code if draw(st.booleans()) and draw(st.booleans())]
    return live, code, own, sibling, presets


def plan_of(world) -> tuple[ImportPlan, TerraformState, TerraformState]:
    live, code, own, sibling, presets = world
    config = DesiredConfig(Path("main.tf.json"), tuple(DesiredResource(a, b) for a, b in code.items()), {},
                           import_blocks=tuple(presets))
    own_state, sibling_state = state_of(own), state_of(sibling)
    inventory = Inventory(region="us-east-1", objects=live, failures=[], types=sorted(SPECS))
    return build_plan("prod", config, own_state, inventory, SPECS, siblings={"staging": sibling_state}), \
        own_state, sibling_state


def refuse(message: str):
    raise PlanError(message)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(worlds())
def test_no_object_a_state_holds_is_ever_imported_to_another_address(world):
    plan, own, sibling = plan_of(world)
    held = {(str(r.type), r.id) for state in (own, sibling) for r in state.resources}
    imports = [planned for batch in plan.batches for planned in batch]
    assert not {(i.type, i.id) for i in imports} & held
    check_against_state(plan, own.holders(), refuse)
    assert ImportPlan.from_dict(json.loads(plan.to_json())) == plan  # the contract holds after a JSON round trip

    code = {str(a) for a in world[1]}
    own_addresses = own.addresses()
    for move in plan.moved:
        assert move.from_ in own_addresses and move.from_ not in code and move.to in code
        assert (str(TfAddress.parse(move.from_).type), move.id) in held
    assert len({m.from_ for m in plan.moved}) == len(plan.moved) == len({m.to for m in plan.moved})

    places = ([e.address for e in plan.managed] + plan.stale + [e.address for e in plan.id_mismatch]
              + [m.from_ for m in plan.moved] + [o.address for o in plan.orphaned])
    assert sorted(places) == sorted(own_addresses)  # each state entry in exactly one place
    assert sorted(o.address for o in plan.orphaned) == sorted(set(own_addresses) - code - {m.from_ for m in plan.moved})

    live_places = ([i.id for i in imports] + [m.id for m in plan.moved] + [u.id for u in plan.unmanaged]
                   + [e.id for e in plan.managed_elsewhere])
    assert len(live_places) == len(set(live_places))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(worlds(), st.data())
def test_a_hand_edit_importing_a_held_object_is_refused(world, data):
    plan, own, _ = plan_of(world)
    held = sorted({(str(r.type), r.id): str(r.address) for r in own.resources}.items())
    if not held or not plan.batches:
        return
    (type_name, id_), holder = data.draw(st.sampled_from(held))
    document = json.loads(plan.to_json())
    document["batches"][0]["imports"].append({"address": f"{type_name}.hand_edit", "type": type_name, "id": id_,
                                              "depends_on": []})
    try:
        edited = ImportPlan.from_dict(document)
    except PlanError as refusal:  # the plan's own lists name the holder
        assert "held by state address" in str(refusal) or "planned for two addresses" in str(refusal)
        return
    with pytest.raises(PlanError, match="held by state address"):
        check_against_state(edited, own.holders(), refuse)
