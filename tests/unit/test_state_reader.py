"""The one state reader: every managed instance (root, module, count and for_each) in one typed
result, data sources skipped, verify.json's fingerprint, and damaged input refused in one line."""

from __future__ import annotations

import hashlib
import json

import pytest
from hypothesis import given, settings, strategies as st

from importer.ids import TfAddress, format_key

from importer.state.reader import StateError, parse_state
from importer.state.source import read_state, read_state_text

STATE = {
    "version": 4, "serial": 7, "lineage": "l-7",
    "resources": [
        {"mode": "managed", "type": "aws_vpc", "name": "main", "instances": [{"attributes": {"id": "vpc-1"}}]},
        {"mode": "data", "type": "aws_caller_identity", "name": "me", "instances": [{"attributes": {"id": "1234"}}]},
        {"mode": "managed", "type": "aws_subnet", "name": "private", "module": "module.net",
         "instances": [{"index_key": 0, "attributes": {"id": "subnet-a"}},
                       {"index_key": 1, "attributes": {"id": "subnet-b"}}]},
        {"mode": "managed", "type": "aws_sqs_queue", "name": "jobs",
         "instances": [{"index_key": "low", "attributes": {"id": "https://q/low"}}]},
    ],
}


def test_every_managed_instance_with_its_module_and_index_key():
    state = parse_state(json.dumps(STATE), "s.tfstate")
    assert state.exists and (state.lineage, state.serial) == ("l-7", 7)
    assert [(str(r.type), r.address.name, r.address.module, r.address.key, r.id) for r in state.resources] == [
        ("aws_vpc", "main", "", None, "vpc-1"),
        ("aws_subnet", "private", "module.net", 0, "subnet-a"),
        ("aws_subnet", "private", "module.net", 1, "subnet-b"),
        ("aws_sqs_queue", "jobs", "", "low", "https://q/low"),
    ]
    assert state.ids() == {"aws_vpc.main": "vpc-1", "module.net.aws_subnet.private[0]": "subnet-a",
                           "module.net.aws_subnet.private[1]": "subnet-b", 'aws_sqs_queue.jobs["low"]': "https://q/low"}
    assert state.resource_addresses() == {"aws_vpc.main", "module.net.aws_subnet.private", "aws_sqs_queue.jobs"}
    assert state.addresses() == set(state.ids())


def test_data_sources_are_skipped():
    state = parse_state(json.dumps(STATE), "s.tfstate")
    assert "aws_caller_identity" not in {str(r.type) for r in state.resources}


def test_every_instance_is_matchable_by_its_full_address_and_holds_its_id():
    state = parse_state(json.dumps(STATE), "s.tfstate")
    assert sorted(str(address) for address in state.by_address()) == sorted(state.ids())
    assert {str(address) for address in state.holders().values()} == set(state.ids())
    assert str(state.holders()[("aws_subnet", "subnet-b")]) == "module.net.aws_subnet.private[1]"


def test_fingerprint_is_verify_json_s_form():
    text = json.dumps(STATE)
    assert parse_state(text, "s").fingerprint() == {
        "exists": True, "lineage": "l-7", "serial": 7, "sha256": hashlib.sha256(text.encode()).hexdigest(),
        "resources": ['aws_sqs_queue.jobs["low"]=https://q/low', "aws_vpc.main=vpc-1",
                      "module.net.aws_subnet.private[0]=subnet-a", "module.net.aws_subnet.private[1]=subnet-b"]}
    assert parse_state(None, "s").fingerprint() == {"exists": False, "lineage": None, "serial": None, "sha256": None,
                                                    "resources": []}


@pytest.mark.parametrize("text, reason", [
    ('{"version": 4, "resources": [', "not JSON"),
    ('{"version": 3}', "not Terraform state version 4"),
    ('[]', "not Terraform state version 4"),
    (json.dumps({**STATE, "resources": [1, 2]}), "a damaged Terraform state"),
    (json.dumps({**STATE, "resources": [{"mode": "managed", "type": "aws_vpc", "instances": [{}]}]}),
     "a damaged Terraform state"),
    (json.dumps({**STATE, "resources": [{"mode": "managed", "type": "aws_vpc", "name": "x",
                                         "instances": [{"attributes": "oops"}]}]}),
     "a damaged Terraform state (aws_vpc.x: its attributes are not an object)"),
    (json.dumps({**STATE, "resources": [{"mode": "managed", "type": "aws_vpc", "name": "x", "module": "module.m",
                                         "instances": [{"index_key": 2, "attributes": {"arn": "a"}}]}]}),
     "(module.m.aws_vpc.x[2]: it has no id)"),
    (json.dumps({**STATE, "resources": [{"mode": "managed", "type": "aws_vpc", "name": "x", "module": "modul.m",
                                         "instances": [{"attributes": {"id": "v"}}]}]}),
     "resources[0].instances[0]: not a module path: 'modul.m'"),
    (json.dumps({**STATE, "resources": [{"mode": "managed", "type": "aws_vpc", "name": "x",
                                         "instances": [{"index_key": [1], "attributes": {"id": "v"}}]}]}),
     "not an instance key: [1]"),
    (json.dumps({**STATE, "resources": [{"mode": "managed", "type": "aws_vpc", "name": "x", "instances": [
        {"attributes": {"id": "v"}}, {"deposed": "00abc", "attributes": {"id": "v0"}}]}]}),
     "aws_vpc.x has a deposed object"),
    (json.dumps({**STATE, "resources": [{"mode": "managed", "type": "aws_vpc", "name": "x", "instances": [
        {"index_key": 1, "attributes": {"id": "v"}}, {"index_key": 1, "attributes": {"id": "w"}}]}]}),
     "(aws_vpc.x[1] appears twice)"),
    (json.dumps({**STATE, "resources": [{"mode": "ephemeral", "type": "aws_vpc", "name": "x", "instances": []}]}),
     'mode "ephemeral" is neither managed nor data'),
])
def test_damaged_input_is_refused_in_one_line_naming_the_location(text, reason):
    with pytest.raises(StateError) as raised:
        parse_state(text, "where.tfstate")
    message = str(raised.value)
    assert message.startswith("where.tfstate: ") and reason in message and "\n" not in message


def test_local_paths(tmp_path):
    assert read_state_text(str(tmp_path / "none.tfstate"), lambda: None) is None
    assert not read_state(str(tmp_path / "none.tfstate"), lambda: None).exists
    with pytest.raises(StateError, match="a directory, not a state file"):
        read_state_text(str(tmp_path), lambda: None)
    (tmp_path / "bad.tfstate").write_text("garbage")
    with pytest.raises(StateError, match="not JSON"):
        read_state_text(str(tmp_path / "bad.tfstate"), lambda: None)
    (tmp_path / "good.tfstate").write_text(json.dumps(STATE))
    assert read_state(str(tmp_path / "good.tfstate"), lambda: None).ids()["aws_vpc.main"] == "vpc-1"


def test_s3_locations_need_a_bucket_and_a_key():
    with pytest.raises(StateError, match="expected s3://bucket/key"):
        read_state_text("s3://bucket", lambda: None)


KEY = st.one_of(st.integers(0, 10_000), st.text(min_size=0, max_size=8))
NAME = st.from_regex(r"[A-Za-z_][A-Za-z0-9_-]{0,6}", fullmatch=True)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(NAME, st.one_of(st.none(), KEY)), max_size=3), NAME, st.one_of(st.none(), KEY))
def test_every_address_form_reads_back_as_the_address_terraform_writes(module_steps, name, key):
    """Nested modules, number and string keys (dots, quotes, brackets, unicode, empty): the state's
    module string and index_key become one address whose text parses back to the same address."""
    module = ".".join(f"module.{step}{'' if k is None else format_key(k)}" for step, k in module_steps)
    entry = {"mode": "managed", "type": "aws_s3_bucket", "name": name,
             "instances": [{"attributes": {"id": "b"}, **({} if key is None else {"index_key": key})}]}
    if module:
        entry["module"] = module
    [resource] = parse_state(json.dumps({"version": 4, "resources": [entry]}), "s").resources
    text = str(resource.address)
    assert text == f"{module + '.' if module else ''}aws_s3_bucket.{name}{format_key(key)}"
    assert TfAddress.parse(text) == resource.address and (resource.address.module, resource.address.key) == (module, key)
    assert resource.address.unkeyed == ".".join([*(f"module.{step}" for step, _ in module_steps), f"aws_s3_bucket.{name}"])


@pytest.mark.parametrize("text", [
    'module.a.module.b.aws_x_y.z["k"]', 'aws_s3_bucket.b["a.b"]', 'aws_s3_bucket.b["q\\"x"]', 'aws_s3_bucket.b["[0]"]',
    'module.m["x.y"].aws_sqs_queue.this[12]', 'aws_s3_bucket.b["back\\\\slash"]'])
def test_known_address_texts_round_trip(text):
    assert str(TfAddress.parse(text)) == text
