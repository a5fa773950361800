"""Everything about a resource type is in one place: its spec, and its facts beside it.

Every spec has its facts (IAM read and write actions at least) in ``importer/specs/facts/<module>.json``
for the module that declares it; every facts entry names a type with a spec; the provider reference
data (``importer/data/``) covers provider types by design and carries its provenance; the arguments
the facts name exist in the provider schema as the cdktf AWS bindings carry it (read as source text,
nothing imported); and the spec's ``import_id`` is the only import-ID source.
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
import json
import pkgutil
from functools import lru_cache
from pathlib import Path

import pytest

import importer.specs
from importer.specs import facts, registry
from tests.tools import PROJECT_ROOT

FACTS_DIR = PROJECT_ROOT / "importer/specs/facts"
# Provider types the reference data covers although the project has no spec for them (the
# provider-wide sensitive-attribute extract covers hundreds; the not-restored extract none).
REFERENCE_ONLY_NOT_RESTORED: set[str] = set()


def _spec_modules() -> dict[str, set[str]]:
    not_specs = {"base", "functions", "facts", "table"}
    names = (m.name for m in pkgutil.iter_modules(importer.specs.__path__) if m.name not in not_specs)
    return {name: {spec.type for spec in importlib.import_module(f"importer.specs.{name}").SPECS} for name in names}


def test_every_spec_has_its_facts_beside_it_and_every_fact_has_a_spec():
    all_facts = facts.all_facts()
    assert set(all_facts) == set(registry())
    for module, types in _spec_modules().items():
        assert (FACTS_DIR / f"{module}.json").exists(), f"importer/specs/{module}.py has no facts/{module}.json"
        assert {t for t, f in all_facts.items() if f.module == module} == types, module
    assert {path.stem for path in FACTS_DIR.glob("*.json")} == set(_spec_modules())


def test_every_type_has_iam_read_and_write_actions():
    for type_name, type_facts in facts.all_facts().items():
        assert type_facts.iam.read and type_facts.iam.write and type_facts.iam.arns, type_name


@pytest.mark.parametrize("entry, message", [
    ({"proof": "stack", "iam": {"read": []}, "import_id": "{QueueUrl}"}, "unknown key import_id"),
    ({"iam": {"read": []}}, "aws_sqs_queue: needs a \"proof\""),
])
def test_a_facts_entry_with_an_unknown_key_or_no_proof_is_refused(tmp_path, monkeypatch, entry, message):
    (tmp_path / "sqs.json").write_text(json.dumps({"aws_sqs_queue": entry}))
    monkeypatch.setattr(facts, "FACTS_DIR", tmp_path)
    facts.all_facts.cache_clear()
    try:
        with pytest.raises(facts.FactsError, match=message):
            facts.all_facts()
    finally:
        facts.all_facts.cache_clear()


def test_provider_reference_data_keeps_its_provenance_and_names_spec_types_or_is_listed():
    not_restored = json.loads(facts.NOT_RESTORED_PATH.read_text())
    sensitive = json.loads(facts.SENSITIVE_PATH.read_text())
    assert "hashicorp/terraform-provider-aws" in not_restored["_about"]
    assert "hashicorp/terraform-provider-aws" in sensitive["_meta"]["source"]
    covered = facts.reference_types()
    assert covered[facts.NOT_RESTORED_PATH.name] - set(registry()) == REFERENCE_ONLY_NOT_RESTORED
    assert {"aws_db_instance", "aws_ssm_parameter"} <= covered[facts.SENSITIVE_PATH.name]
    assert facts.sensitive_attributes("aws_db_instance") == ("password",)
    assert "revoke_rules_on_delete" in facts.not_restored("aws_security_group")


def test_data_files_are_only_the_provider_reference_data():
    data = {path.name for path in (PROJECT_ROOT / "importer/data").glob("*.json")
            if not path.name.startswith("codify_")}  # codify's own facts (importer/codify/clean.py)
    assert data == {facts.NOT_RESTORED_PATH.name, facts.SENSITIVE_PATH.name, facts.ALIASES_PATH.name}
    assert not list((PROJECT_ROOT / "importer/policy").glob("terraform_actions*.json"))


def test_the_spec_import_id_is_the_only_import_id_source():
    def keys(value):
        if isinstance(value, dict):
            for key, inner in value.items():
                yield key
                yield from keys(inner)
        elif isinstance(value, list):
            for inner in value:
                yield from keys(inner)

    for path in sorted((PROJECT_ROOT / "importer").rglob("*.json")):
        found = {key for key in keys(json.loads(path.read_text())) if "import_id" in key or key == "template"}
        assert not found, f"{path.relative_to(PROJECT_ROOT)} holds import-ID data: {found}"
    assert all(spec.import_id for spec in registry().values())


@lru_cache(maxsize=None)
def _provider_attributes(type_name: str) -> tuple[set[str], set[str]]:
    """The arguments and all attributes of ``type_name`` in the cdktf AWS bindings' source."""
    root = Path(importlib.util.find_spec("cdktf_cdktf_provider_aws").submodule_search_locations[0])
    stem = type_name.removeprefix("aws_")
    tree = ast.parse((root / stem / "__init__.py").read_text())
    name = "".join(part.capitalize() for part in stem.split("_"))
    cls = next(node for node in tree.body if isinstance(node, ast.ClassDef) and node.name == name)
    init = next(node for node in cls.body if isinstance(node, ast.FunctionDef) and node.name == "__init__")
    arguments = {arg.arg for arg in init.args.kwonlyargs}
    properties = {node.name for node in cls.body if isinstance(node, ast.FunctionDef)
                  and any(ast.unparse(d).endswith("property") for d in node.decorator_list)}
    return arguments, arguments | properties


def test_state_only_arguments_and_live_equivalents_exist_in_the_provider_schema():
    if importlib.util.find_spec("cdktf_cdktf_provider_aws") is None:
        pytest.skip("no provider schema view: the cdktf AWS bindings are not installed")
    checked = 0
    for type_name, type_facts in facts.all_facts().items():
        if not type_facts.state_only and not type_facts.live_equivalents:
            continue
        arguments, attributes = _provider_attributes(type_name)
        for argument in type_facts.state_only:
            assert argument in arguments, f"{type_name}.{argument} is not an argument of the provider"
            checked += 1
        for argument, live in type_facts.live_equivalents.items():
            assert argument in arguments and live in attributes, f"{type_name}: {argument} -> {live}"
    assert checked >= 18
