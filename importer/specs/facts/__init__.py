"""Every per-type fact beyond discovery, read through this one module.

Our facts sit beside the specs: ``importer/specs/facts/<module>.json`` holds, for each type that
``importer/specs/<module>.py`` declares, one entry with

- ``proof`` (required): how a real import round trip on the emulator proves the type: ``stack`` (the
  prod stack's verify round trip), ``fixture`` (``tests/fixtures/types/<type>.tf.json``, imported by
  ``tests/e2e/test_type_round_trips.py``) or ``unit: <reason>`` (the emulator cannot serve it);
- ``iam`` (required): ``read`` (what ``terraform plan``/refresh and discovery call), ``write``
  (create, update, delete), ``arns`` (what the type's objects are; ``${Prefix}`` = ``<env>-retainwise-``,
  ``${Stem}`` = ``<env>-retainwise``), optional ``sensitive_read`` (reads that may return secret
  values, kept to the stack's own objects), ``instance_arn`` (the exact ARN of one object, ``{name}``
  taken from the body, leading ``/`` dropped) and ``note`` (why an ARN is there). In the manner of
  Pike's mapping (hashicorp/aws 5.x); every action is checked against policy_sentry in tests/policy.
- ``state_only``: argument -> why changing it after an import touches only Terraform state (the
  provider uses it at delete time or only to decide how to apply other changes), so the gate accepts
  such an update. tests/e2e/test_verify_apply.py proves the ones the stacks meet: the sandbox apply
  of the imports and their state-only updates sends no mutating request (the emulator's recorder).
  Not there on purpose: ``aws_route53_record.allow_overwrite`` (provider 5.100 re-sends the record
  with ChangeResourceRecordSets when only it changes; seen with the recorder).
- ``live_equivalents``: argument -> live attribute that already holds the code's value although
  import leaves the argument empty (provider 5.100: ``aws_lambda_function.source_code_hash``).

The provider's own facts stay whole, with their provenance, in ``importer/data/`` as reference
data covering every provider type: arguments import does not restore (``import_not_restored.json``)
and attributes the provider marks sensitive (``aws_sensitive_attributes.json``). Consumers read
them through ``not_restored`` and ``sensitive_attributes`` here too. A type's import ID has one
source: its spec's ``import_id``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Mapping

FACTS_DIR = Path(__file__).resolve().parent
REFERENCE_DIR = FACTS_DIR.parent.parent / "data"
NOT_RESTORED_PATH = REFERENCE_DIR / "import_not_restored.json"
SENSITIVE_PATH = REFERENCE_DIR / "aws_sensitive_attributes.json"
_KEYS = {"proof", "iam", "state_only", "live_equivalents"}
_IAM_KEYS = {"read", "write", "arns", "sensitive_read", "instance_arn", "note"}


class FactsError(ValueError):
    """A facts file that does not follow the format above."""


@dataclass(frozen=True)
class IamActions:
    """The IAM actions one Terraform type needs, and the ARNs its objects have."""

    read: tuple[str, ...]
    write: tuple[str, ...]
    arns: tuple[str, ...]
    sensitive_read: tuple[str, ...] = ()
    instance_arn: str | None = None
    note: str = ""


@dataclass(frozen=True)
class TypeFacts:
    """What we know about one Terraform type beyond its spec; ``module`` is the spec module's name."""

    type: str
    module: str
    iam: IamActions
    proof: str = ""
    state_only: Mapping[str, str] = field(default_factory=dict)
    live_equivalents: Mapping[str, str] = field(default_factory=dict)


def _type_facts(module: str, type_name: str, entry: object) -> TypeFacts:
    where = f"importer/specs/facts/{module}.json: {type_name}"
    if not isinstance(entry, dict) or not isinstance(entry.get("iam"), dict):
        raise FactsError(f"{where}: needs an \"iam\" object")
    if not isinstance(entry.get("proof"), str):
        raise FactsError(f"{where}: needs a \"proof\" (stack, fixture or 'unit: <reason>')")
    unknown = sorted(set(entry) - _KEYS) + sorted(f"iam.{key}" for key in set(entry["iam"]) - _IAM_KEYS)
    if unknown:
        raise FactsError(f"{where}: unknown key {', '.join(unknown)}")
    iam = entry["iam"]
    return TypeFacts(
        type=type_name, module=module,
        iam=IamActions(read=tuple(iam.get("read", ())), write=tuple(iam.get("write", ())),
                       arns=tuple(iam.get("arns", ())), sensitive_read=tuple(iam.get("sensitive_read", ())),
                       instance_arn=iam.get("instance_arn"), note=iam.get("note", "")),
        proof=entry["proof"], state_only=dict(entry.get("state_only", {})),
        live_equivalents=dict(entry.get("live_equivalents", {})))


@lru_cache(maxsize=1)
def all_facts() -> dict[str, TypeFacts]:
    """Every facts entry by Terraform type, sorted by type; a type in two files is an error."""
    facts: dict[str, TypeFacts] = {}
    for path in sorted(FACTS_DIR.glob("*.json")):
        for type_name, entry in json.loads(path.read_text()).items():
            if type_name in facts:
                raise FactsError(f"{type_name} has facts twice (again in importer/specs/facts/{path.name})")
            facts[type_name] = _type_facts(path.stem, type_name, entry)
    return dict(sorted(facts.items()))


def state_only(type_name: str) -> Mapping[str, str]:
    """The arguments of ``type_name`` whose update touches only state, with the reason."""
    facts = all_facts().get(type_name)
    return facts.state_only if facts else {}


def live_equivalents(type_name: str) -> Mapping[str, str]:
    """Argument -> the live attribute already holding the code's value, for ``type_name``."""
    facts = all_facts().get(type_name)
    return facts.live_equivalents if facts else {}


@lru_cache(maxsize=1)
def not_restored_by_type() -> dict[str, frozenset[str]]:
    """``not_restored`` for every type the provider reference covers."""
    document = json.loads(NOT_RESTORED_PATH.read_text())["types"]
    return {name: frozenset(entry.get("attrs_not_restored_by_import", {})) for name, entry in document.items()}


def not_restored(type_name: str) -> frozenset[str]:
    """Arguments ``terraform import`` does not read back for ``type_name`` (the provider's tests)."""
    return not_restored_by_type().get(type_name, frozenset())


@lru_cache(maxsize=1)
def _sensitive() -> dict[str, tuple[str, ...]]:
    document = json.loads(SENSITIVE_PATH.read_text())["sensitive"]
    return {name: tuple(attributes) for name, attributes in document.items()}


def sensitive_attributes(type_name: str) -> tuple[str, ...]:
    """The attribute names (leaf names, any depth) the provider marks sensitive for ``type_name``."""
    return _sensitive().get(type_name, ())


def reference_types() -> dict[str, set[str]]:
    """The types each provider reference file covers, by file name (for the meta-test)."""
    return {NOT_RESTORED_PATH.name: set(not_restored_by_type()), SENSITIVE_PATH.name: set(_sensitive())}


ALIASES_PATH = REFERENCE_DIR / "aws_type_aliases.json"


@lru_cache(maxsize=1)
def type_aliases() -> dict[str, frozenset[str]]:
    """Type -> the other names the provider gives the same AWS object (``aws_lb`` -> ``aws_alb``)."""
    groups = json.loads(ALIASES_PATH.read_text())["groups"]
    return {type_name: frozenset(group) - {type_name} for group in groups for type_name in group}
