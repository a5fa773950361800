"""The scale benchmark's generated configuration: exact totals, supported types only, and (with
the real Terraform) exactly the instances the layout counts; the growth arithmetic."""

from __future__ import annotations

import re

import pytest

from benchmarks.scale import SizeResult, growth_rows, sizes_from
from benchmarks.scale_config import layout, write_config
from importer.specs import registry


@pytest.mark.parametrize("n", [200, 500, 1000])
def test_the_layout_adds_up_to_n_with_every_module_called(n):
    plan = layout(n)
    assert plan.total == n
    assert min(plan.networks, plan.services, plan.teams, plan.log_groups, plan.parameters) >= 1


def test_too_few_resources_for_every_module_is_refused():
    with pytest.raises(ValueError, match="too few"):
        layout(30)


def test_the_folder_has_local_modules_and_only_supported_types(tmp_path):
    write_config(tmp_path, 200)
    files = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*.tf"))
    assert files == ["main.tf", "modules/iam/main.tf", "modules/network/main.tf", "modules/service/main.tf"]
    types = {t for p in tmp_path.rglob("*.tf") for t in re.findall(r'^resource "(\w+)"', p.read_text(), re.M)}
    assert len(types) == 14
    assert types <= set(registry())
    root = (tmp_path / "main.tf").read_text()
    assert 'source  = "./modules/network"' in root and "for_each   = var.services" in root


def test_sizes_come_from_argv_then_the_environment(monkeypatch):
    monkeypatch.setenv("SCALE_SIZES", "200,500")
    assert sizes_from([]) == (200, 500)
    assert sizes_from(["300"]) == (300,)
    monkeypatch.delenv("SCALE_SIZES")
    assert sizes_from([]) == (200, 500, 1000)


def test_growth_is_time_ratio_over_size_ratio():
    small = SizeResult(200, 200, {"plan": 10.0})
    large = SizeResult(1000, 1000, {"plan": 60.0})
    (label, figure), = growth_rows([small, large])
    assert label == "growth 200->1000: plan"
    assert figure.startswith("6.00x time / 5.00x size = 1.20")
    assert growth_rows([small, SizeResult(1000, 0, failure="deploy: boom")]) == []


@pytest.mark.terraform
def test_terraform_evaluates_exactly_the_instances_the_layout_counts(emulator, tmp_path):
    from importer.desired.evaluated import evaluate
    from tests.tools import terraform_environment

    write_config(tmp_path / "scale", 200)
    environ = {**terraform_environment(tmp_path), **emulator.environment()}
    config = evaluate(tmp_path / "scale", workdir=tmp_path / "box", environ=environ)
    assert len(config.resources) == layout(200).total
    addresses = {str(r.address) for r in config.resources}
    assert 'module.service["svc000"].aws_sqs_queue.this["orders"]' in addresses
    assert "module.network[0].aws_route_table_association.this[3]" in addresses
