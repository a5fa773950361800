"""The README's type table (service, type, proven how), generated from the specs and the ``proof``
of each type's facts (``importer/specs/facts/<module>.json``): ``python -m importer.specs.table``
rewrites the marked block in README.md, ``--check`` exits 1 when it is stale."""

from __future__ import annotations

import sys
from pathlib import Path

from importer.specs import registry
from importer.specs.facts import all_facts

README = Path(__file__).resolve().parents[2] / "README.md"
START, END = "<!-- type-table:start (python -m importer.specs.table) -->", "<!-- type-table:end -->"
_HOW = {"stack": "import round trip of the prod stack (tests/e2e/test_verify_apply.py)",
        "fixture": "import round trip of tests/fixtures/types/{type}.tf.json (tests/e2e/test_type_round_trips.py)"}


def proof() -> dict[str, str]:
    """How each type is proven: ``stack``, ``fixture`` or ``unit: <reason>``."""
    return {type_name: facts.proof for type_name, facts in all_facts().items()}


def describe(type_name: str, how: str) -> str:
    """The table's "proven how" cell for one proof entry."""
    if how.startswith("unit: "):
        return f"unit tests only: {how.removeprefix('unit: ')}"
    return _HOW[how].format(type=type_name)


def table() -> str:
    """The marked block: one row per spec, by service then type."""
    proven = proof()
    specs = sorted(registry().values(), key=lambda s: (s.service, s.type))
    services = len({spec.service for spec in specs})
    rows = [f"| {s.service} | `{s.type}` | {describe(s.type, proven.get(s.type, 'unit: no proof recorded'))} |"
            for s in specs]
    return "\n".join([START, f"{len(specs)} types, {services} services.", "", "| Service | Type | Proven how |",
                      "|---|---|---|", *rows, END])


def updated(readme: str) -> str:
    """``readme`` with its marked block replaced by the current table."""
    if START not in readme or END not in readme:
        raise ValueError(f"README.md has no block between {START} and {END}")
    head, rest = readme.split(START, 1)
    return head + table() + rest.split(END, 1)[1]


def main(argv: list[str]) -> int:
    """Rewrite the block (or with --check, report whether it is current)."""
    text = README.read_text()
    new = updated(text)
    if "--check" in argv:
        if new != text:
            print("README.md type table is stale: run python -m importer.specs.table", file=sys.stderr)
            return 1
        return 0
    README.write_text(new)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
