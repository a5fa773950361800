"""References in any form the target can be named by (``.name``, ``.arn``, ``.id``, ``.url``, a literal),
and ambiguous candidates told apart by what references them in code (route tables by their associations)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings, strategies as st

from importer.classes import ResourceClass
from importer.desired.config import DesiredConfig, DesiredResource, load_config
from importer.discovery.inventory import Inventory, LiveObject
from importer.graph.references import ReferenceGraph
from importer.ids import TfAddress
from importer.matching.matcher import reconcile
from importer.specs import registry
from importer.state.reader import TerraformState, parse_state
from tests.reconcile.test_state_invariant_property import address_forms, state_of

ACCOUNT = "123456789012"
CLUSTER_ARN = f"arn:aws:ecs:us-east-1:{ACCOUNT}:cluster/apps"
FUNCTION_ARN = f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:worker"


def live(type_name, import_id, identity=None, references=None, aliases=(), attributes=None):
    return LiveObject(type_name, import_id, identity or {}, references or {}, tuple(aliases), attributes or {})


def reconciled(tmp_path, resources, objects, state=None):
    path = tmp_path / "main.tf.json"
    path.write_text(json.dumps({"resource": resources}))
    config = load_config(path)
    state = parse_state(json.dumps(state), "test") if state else TerraformState("none", False)
    inventory = Inventory(region="us-east-1", objects=list(objects), failures=[], types=sorted(registry()))
    return reconcile(config, ReferenceGraph(config).dependency_order(), state, inventory, registry())


def outcome(result, address):
    match = next(m for a, m in result.matches.items() if str(a) == address)
    return match.kind, (match.live.import_id if match.live else None), tuple(sorted(match.candidates))


# -- one reference, many forms ------------------------------------------------------------------

ECS_LIVE = [
    live("aws_ecs_cluster", "apps", {"name": "apps"}, aliases=(CLUSTER_ARN,),
         attributes={"arn": CLUSTER_ARN, "name": "apps"}),
    live("aws_ecs_service", "apps/web", {"name": "web", "cluster": CLUSTER_ARN}, {"cluster": CLUSTER_ARN},
         aliases=(f"arn:aws:ecs:us-east-1:{ACCOUNT}:service/apps/web", "web", "service/apps/web")),
    live("aws_ecs_service", "other/web", {"name": "web", "cluster": CLUSTER_ARN.replace("apps", "other")},
         {"cluster": CLUSTER_ARN.replace("apps", "other")}),
]


@pytest.mark.parametrize("cluster", ["${aws_ecs_cluster.x.name}", "${aws_ecs_cluster.x.arn}",
                                     "${aws_ecs_cluster.x.id}", "apps", CLUSTER_ARN])
def test_an_ecs_service_matches_whatever_form_names_its_cluster(tmp_path, cluster):
    resources = {"aws_ecs_cluster": {"x": {"name": "apps"}},
                 "aws_ecs_service": {"web": {"name": "web", "cluster": cluster}}}
    result = reconciled(tmp_path, resources, ECS_LIVE)
    assert outcome(result, "aws_ecs_service.web") == (ResourceClass.IMPORT, "apps/web", ())
    assert "apps/web" not in {o.import_id for o in result.unmanaged}


def test_a_cluster_named_wrong_matches_nothing(tmp_path):
    resources = {"aws_ecs_cluster": {"x": {"name": "apps"}},
                 "aws_ecs_service": {"web": {"name": "web", "cluster": "elsewhere"}}}
    assert outcome(reconciled(tmp_path, resources, ECS_LIVE), "aws_ecs_service.web")[0] == ResourceClass.CREATE


@pytest.mark.parametrize("function", ["${aws_lambda_function.f.function_name}", "${aws_lambda_function.f.arn}",
                                      "${aws_lambda_function.f.id}"])
def test_a_permission_matches_its_function_by_name_or_arn(tmp_path, function):
    resources = {"aws_lambda_function": {"f": {"function_name": "worker"}},
                 "aws_lambda_permission": {"p": {"function_name": function, "statement_id": "events"}}}
    objects = [live("aws_lambda_function", "worker", {"function_name": "worker"}, aliases=(FUNCTION_ARN,),
                    attributes={"arn": FUNCTION_ARN, "function_name": "worker"}),
               live("aws_lambda_permission", "worker/events", {"function_name": "worker", "statement_id": "events"},
                    {"function_name": "worker"})]
    assert outcome(reconciled(tmp_path, resources, objects), "aws_lambda_permission.p")[:2] == (
        ResourceClass.IMPORT, "worker/events")


# -- told apart by what references them ---------------------------------------------------------

def network(association_subnets, extra_objects=()):
    """Code: two route tables with one Name tag, each associated with its own subnet."""
    resources = {
        "aws_vpc": {"v": {"cidr_block": "10.0.0.0/16"}},
        "aws_subnet": {s: {"vpc_id": "${aws_vpc.v.id}", "cidr_block": cidr, "availability_zone": "us-east-1a"}
                       for s, cidr in (("a", "10.0.1.0/24"), ("b", "10.0.2.0/24"))},
        "aws_route_table": {t: {"vpc_id": "${aws_vpc.v.id}", "tags": {"Name": "private"}} for t in ("a", "b")},
        "aws_route_table_association": {t: {"subnet_id": f"${{aws_subnet.{s}.id}}",
                                            "route_table_id": f"${{aws_route_table.{t}.id}}"}
                                        for t, s in association_subnets.items()},
    }
    objects = [
        live("aws_vpc", "vpc-1", {"cidr_block": "10.0.0.0/16"}),
        live("aws_subnet", "subnet-a", {"cidr_block": "10.0.1.0/24", "availability_zone": "us-east-1a"},
             {"vpc_id": "vpc-1"}),
        live("aws_subnet", "subnet-b", {"cidr_block": "10.0.2.0/24", "availability_zone": "us-east-1a"},
             {"vpc_id": "vpc-1"}),
        # rtb-1 is listed first, but it is subnet-b's table
        live("aws_route_table", "rtb-1", {"tags.Name": "private"}, {"vpc_id": "vpc-1"}),
        live("aws_route_table", "rtb-2", {"tags.Name": "private"}, {"vpc_id": "vpc-1"}),
        live("aws_route_table_association", "subnet-b/rtb-1", {}, {"subnet_id": "subnet-b", "route_table_id": "rtb-1"},
             aliases=("rtbassoc-b",)),
        live("aws_route_table_association", "subnet-a/rtb-2", {}, {"subnet_id": "subnet-a", "route_table_id": "rtb-2"},
             aliases=("rtbassoc-a",)),
        *extra_objects,
    ]
    return resources, objects


def test_route_tables_with_one_name_are_told_apart_by_their_associations(tmp_path):
    resources, objects = network({"a": "a", "b": "b"})
    result = reconciled(tmp_path, resources, objects)
    assert outcome(result, "aws_route_table.a")[:2] == (ResourceClass.IMPORT, "rtb-2")
    assert outcome(result, "aws_route_table.b")[:2] == (ResourceClass.IMPORT, "rtb-1")
    assert outcome(result, "aws_route_table_association.a")[:2] == (ResourceClass.IMPORT, "subnet-a/rtb-2")
    assert outcome(result, "aws_route_table_association.b")[:2] == (ResourceClass.IMPORT, "subnet-b/rtb-1")
    assert "referenced by aws_route_table_association.a.route_table_id" in next(
        m.matched_by for a, m in result.matches.items() if str(a) == "aws_route_table.a")
    assert not result.unmanaged


def test_one_told_apart_then_the_other_by_elimination(tmp_path):
    resources, objects = network({"a": "a"})
    result = reconciled(tmp_path, resources, objects)
    assert outcome(result, "aws_route_table.a")[:2] == (ResourceClass.IMPORT, "rtb-2")
    assert outcome(result, "aws_route_table.b")[:2] == (ResourceClass.IMPORT, "rtb-1")


def test_ambiguity_stays_when_the_referrer_is_not_matched(tmp_path):
    resources, objects = network({"a": "a", "b": "b"})
    objects = [o for o in objects if o.type != "aws_route_table_association"]  # nothing associated live
    result = reconciled(tmp_path, resources, objects)
    for table in ("a", "b"):
        assert outcome(result, f"aws_route_table.{table}") == (ResourceClass.AMBIGUOUS, None, ("rtb-1", "rtb-2"))


def test_ambiguity_stays_when_the_referrer_points_at_every_candidate(tmp_path):
    resources, objects = network({})
    resources["aws_vpc_endpoint"] = {"s3": {"vpc_id": "${aws_vpc.v.id}", "service_name": "com.amazonaws.s3",
                                            "route_table_ids": ["${aws_route_table.a.id}",
                                                                "${aws_route_table.b.id}"]}}
    objects.append(live("aws_vpc_endpoint", "vpce-1", {"service_name": "com.amazonaws.s3"},
                        {"vpc_id": "vpc-1", "route_table_ids": ["rtb-1", "rtb-2"]}))
    result = reconciled(tmp_path, resources, objects)
    for table in ("a", "b"):
        assert outcome(result, f"aws_route_table.{table}") == (ResourceClass.AMBIGUOUS, None, ("rtb-1", "rtb-2"))


def test_ambiguity_stays_when_the_referrer_points_at_no_candidate(tmp_path):
    resources, objects = network({"a": "a"})
    objects = [o for o in objects if o.import_id != "subnet-a/rtb-2"]
    objects += [live("aws_route_table", "rtb-3", {"tags.Name": "other"}, {"vpc_id": "vpc-1"}),
                live("aws_route_table_association", "subnet-a/rtb-3", {}, {"subnet_id": "subnet-a",
                                                                           "route_table_id": "rtb-3"})]
    result = reconciled(tmp_path, resources, objects)
    for table in ("a", "b"):
        assert outcome(result, f"aws_route_table.{table}")[0] == ResourceClass.AMBIGUOUS


def test_a_candidate_a_state_holds_is_never_imported_through_its_referrers(tmp_path):
    resources, objects = network({"a": "a"})
    state = {"version": 4, "serial": 1, "lineage": "l", "resources": [
        {"mode": "managed", "type": "aws_route_table", "name": "a", "module": "module.old",
         "instances": [{"attributes": {"id": "rtb-2", "vpc_id": "vpc-1"}}]}]}
    result = reconciled(tmp_path, resources, objects, state)
    kind, found, _ = outcome(result, "aws_route_table.a")
    assert (kind, found) == (ResourceClass.MOVED, "rtb-2")  # the state's object moves, never imported twice
    imported = [m.live.import_id for m in result.matches.values() if m.kind == ResourceClass.IMPORT]
    assert "rtb-2" not in imported


def test_terraforms_id_is_read_from_the_spec_when_it_is_not_the_import_id():
    from importer.matching.values import attribute_of, reference_forms
    cluster = ECS_LIVE[0]
    assert attribute_of(cluster, "id") == "apps"  # no id attribute read: the import ID
    with_id = live("aws_ecs_cluster", "apps", {"name": "apps"}, aliases=(CLUSTER_ARN,),
                   attributes={"arn": CLUSTER_ARN, "id": CLUSTER_ARN, "name": "apps"})
    assert attribute_of(with_id, "id") == CLUSTER_ARN
    assert reference_forms(with_id, "name") == {"apps", CLUSTER_ARN}
    assert {"id", "arn", "name"} <= set(registry()["aws_ecs_cluster"].attributes)


# -- the same, as a property over generated worlds ---------------------------------------------

@st.composite
def route_worlds(draw):
    """Live: subnets, route tables that all share one Name tag, associations; code: the subnets, some
    tables and associations; a state (this stack's or a sibling's) holding some of the tables."""
    subnets = range(4)
    tables = [f"rtb-{i}" for i in range(draw(st.integers(0, 4)))]
    objects = [live("aws_subnet", f"subnet-{s}", {"cidr_block": f"10.0.{s}.0/24"}) for s in subnets]
    objects += [live("aws_route_table", t, {"tags.Name": "private"}) for t in tables]
    for s in subnets:
        if tables and draw(st.booleans()):
            table = draw(st.sampled_from(tables))
            objects.append(live("aws_route_table_association", f"subnet-{s}/{table}", {},
                                {"subnet_id": f"subnet-{s}", "route_table_id": table}))
    code_tables = [f"t{j}" for j in range(draw(st.integers(0, 3)))]
    code = {TfAddress.parse(f"aws_subnet.s{s}"): {"cidr_block": f"10.0.{s}.0/24"} for s in subnets}
    code |= {TfAddress.parse(f"aws_route_table.{t}"): {"tags": {"Name": "private"}} for t in code_tables}
    for s in subnets:
        if code_tables and draw(st.booleans()):
            code[TfAddress.parse(f"aws_route_table_association.s{s}")] = {
                "subnet_id": f"${{aws_subnet.s{s}.id}}",
                "route_table_id": f"${{aws_route_table.{draw(st.sampled_from(code_tables))}.id}}"}
    held = {}
    for _ in range(draw(st.integers(0, 2))) if tables else ():
        address = draw(address_forms("aws_route_table", [a for a in code if str(a.type) == "aws_route_table"]))
        held[address] = draw(st.sampled_from(tables))
    return objects, code, held, draw(st.booleans())


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(route_worlds())
def test_what_references_a_table_never_imports_a_held_object_nor_guesses(world):
    objects, code, held, sibling = world
    config = DesiredConfig(Path("main.tf.json"), tuple(DesiredResource(a, b) for a, b in code.items()), {})
    state = state_of(held)
    siblings = {"staging": state} if sibling else {}
    result = reconcile(config, ReferenceGraph(config).dependency_order(),
                       TerraformState("none", False) if sibling else state,
                       Inventory(region="us-east-1", objects=objects, failures=[], types=sorted(registry())),
                       registry(), siblings)
    held_ids = set(held.values())
    taken = [m.live.import_id for m in result.matches.values()
             if m.kind in (ResourceClass.IMPORT, ResourceClass.MOVED) and m.live]
    assert len(taken) == len(set(taken))  # one live object, at most one address
    imported = {m.live.import_id for m in result.matches.values() if m.kind == ResourceClass.IMPORT}
    assert not imported & held_ids  # an object a state holds is never imported elsewhere
    matched = {str(a): m.live for a, m in result.matches.items() if m.live is not None}
    event("told apart by a referrer" if any(m.matched_by.startswith("referenced by") for m in result.matches.values())
          else "no referrer told")
    for address, match in result.matches.items():
        if not match.matched_by.startswith("referenced by"):
            continue
        # every association in code that points at this table and is matched holds this very table live
        for association, body in code.items():
            if body.get("route_table_id") == f"${{{address}.id}}" and str(association) in matched:
                assert matched[str(association)].references["route_table_id"] == match.live.import_id
