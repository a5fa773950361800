"""Meta-tests of the spec registry: consistent data, real operations, read-only, full coverage."""

from __future__ import annotations

import botocore.session
import pytest
from botocore import xform_name

from importer.discovery.session import SECRET_READING_OPERATIONS, is_read_operation
from importer.specs import registry, required_specs
from importer.specs.functions import compile_expression

SPECS = list(registry().values())
_BOTOCORE = botocore.session.get_session()


def _expressions(spec):
    yield spec.list.items
    if spec.detail:
        yield spec.detail.items
    for value in [*spec.list.params.values(), *(spec.detail.params.values() if spec.detail else ())]:
        if isinstance(value, str) and value.startswith("="):
            yield value[1:]
    yield from filter(None, [spec.explode, spec.exclude])
    for mapping in (spec.identity, spec.attributes, spec.fields, spec.inherit):
        yield from mapping.values()
    yield from (reference.path for reference in spec.references)
    yield from spec.aliases


def test_types_are_unique_and_every_reference_target_is_registered():
    types = [spec.type for spec in SPECS]
    assert len(types) == len(set(types))
    registered = set(types)
    for spec in SPECS:
        assert spec.parent is None or spec.parent in registered, spec.type
        for reference in spec.references:
            assert reference.target in registered, f"{spec.type}.{reference.attribute} -> {reference.target}"
        targets = {reference.attribute for reference in spec.references}
        assert set(spec.drop_with_excluded) <= targets, spec.type


@pytest.mark.parametrize("spec", SPECS, ids=lambda spec: spec.type)
def test_every_expression_compiles(spec):
    for expression in _expressions(spec):
        compile_expression(expression)


@pytest.mark.parametrize("spec", SPECS, ids=lambda spec: spec.type)
def test_every_operation_exists_in_the_service_model_and_is_a_safe_read(spec):
    for service, operation in spec.calls():
        model = _BOTOCORE.get_service_model(service)
        assert operation in model.operation_names, f"{service} has no {operation}"
        assert is_read_operation(operation) and operation not in SECRET_READING_OPERATIONS
        assert xform_name(operation)  # a boto3 method exists for it


def test_every_type_in_the_synthesized_stacks_has_a_spec(synthesized):
    used = {type_name for stack in synthesized.values() for type_name in stack["resource"]}
    assert sorted(used - set(registry())) == []


def test_required_specs_bring_parents_first_and_refuse_unknown_types():
    for spec in SPECS:
        ordered = [s.type for s in required_specs({spec.type})]
        if spec.parent:
            assert ordered.index(spec.parent) < ordered.index(spec.type)
    with pytest.raises(KeyError, match="no spec for aws_unknown_thing"):
        required_specs({"aws_unknown_thing"})
