"""The rails of issue 16: every spec type has its proof, every proof claim holds, and the README's
type table is the one the specs generate. A new spec without a proof fails here."""

from __future__ import annotations

import json

import pytest

from emulator.scenario import catalogue
from importer.specs import registry, table
from tests.tools import PROJECT_ROOT

FIXTURES = PROJECT_ROOT / "tests/fixtures/types"
PROOF = table.proof()


@pytest.mark.parametrize("type_name", sorted(registry()))
def test_every_spec_type_says_how_it_is_proven(type_name):
    how = PROOF.get(type_name)
    assert how in ("stack", "fixture") or (how or "").startswith("unit: ") and len(how) > len("unit: ") + 10, \
        f"{type_name}: no proof in its importer/specs/facts/<module>.json (stack, fixture or 'unit: <reason>')"


def test_every_proof_entry_names_a_spec():
    assert sorted(set(PROOF) - set(registry())) == []


def test_fixture_types_have_a_config_declaring_them_and_a_scenario_object():
    claimed = sorted(t for t, how in PROOF.items() if how == "fixture")
    assert sorted(path.name.removesuffix(".tf.json") for path in FIXTURES.glob("*.tf.json")) == claimed
    for type_name in claimed:
        config = json.loads((FIXTURES / f"{type_name}.tf.json").read_text())
        assert set(config) == {"resource"} and type_name in config["resource"], type_name
    assert sorted(catalogue.BUILDERS) == claimed


def test_stack_types_are_in_the_prod_stack_whose_round_trip_proves_them(synthesized):
    claimed = {t for t, how in PROOF.items() if how == "stack"}
    assert claimed and sorted(claimed - set(synthesized["prod"]["resource"])) == []


def test_the_readme_type_table_is_current():
    readme = (PROJECT_ROOT / "README.md").read_text()
    assert table.updated(readme) == readme, "README.md type table is stale: run python -m importer.specs.table"
    row = f"| sqs | `aws_sqs_queue_redrive_policy` | {table.describe('aws_sqs_queue_redrive_policy', 'fixture')} |"
    assert row in readme and "tests/fixtures/types/aws_sqs_queue_redrive_policy.tf.json" in row


def test_a_stale_table_or_a_missing_block_is_detected():
    readme = (PROJECT_ROOT / "README.md").read_text()
    assert table.updated(readme.replace("| sqs | `aws_sqs_queue` |", "| sqs | `aws_sqs_queues` |")) != \
        readme.replace("| sqs | `aws_sqs_queue` |", "| sqs | `aws_sqs_queues` |")
    with pytest.raises(ValueError, match="no block"):
        table.updated("# README\n")
    assert table.describe("aws_x", "unit: the emulator has no such service") == \
        "unit tests only: the emulator has no such service"
