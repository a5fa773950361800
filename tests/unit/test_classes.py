"""The resource classes are spelled in one place: importer/classes.py."""

from __future__ import annotations

import ast
from pathlib import Path

from importer.classes import PENDING, ResourceClass
from importer.plan import ImportPlan

IMPORTER = Path(__file__).resolve().parents[2] / "importer"
HOME = IMPORTER / "classes.py"

# The same words in Terraform's own vocabulary, not the ImportPlan's classes: a state entry's
# "mode": "managed", a configuration's "import" blocks, a plan's "create" action (and the gate's
# verdict kinds named after Terraform's actions), a configuration's "moved" blocks.
TERRAFORM_WORDS = {"managed", "import", "create", "moved"}
TERRAFORM_FILES = {"plan.py", "state/reader.py", "verify/changes.py", "verify/gate.py", "verify/verify.py",
                   "verify/batch_config.py", "desired/config.py", "desired/evaluated.py", "desired/resolve.py",
                   "verify/workspace.py", "codify/generate.py"}


def _literals(path: Path) -> list[tuple[int, str]]:
    names = {kind.value for kind in ResourceClass}
    return [(node.lineno, node.value) for node in ast.walk(ast.parse(path.read_text(), str(path)))
            if isinstance(node, ast.Constant) and node.value in names]


def test_each_class_name_is_spelled_only_in_the_classes_module():
    found = []
    for path in sorted(IMPORTER.rglob("*.py")):
        if path == HOME:
            continue
        where = path.relative_to(IMPORTER).as_posix()
        found += [f"{where}:{line}: {value!r}" for line, value in _literals(path)
                  if not (value in TERRAFORM_WORDS and where in TERRAFORM_FILES)]
    assert not found, "use importer.classes.ResourceClass instead of:\n" + "\n".join(found)
    assert {value for _, value in _literals(HOME)} == {kind.value for kind in ResourceClass}


def test_every_class_has_an_explanation_and_the_pending_ones_are_the_decisions():
    assert all(kind.explanation for kind in ResourceClass)
    assert [kind.value for kind in PENDING] == ["ambiguous", "id-mismatch", "orphaned", "blocked", "unsupported"]
    assert ResourceClass("id-mismatch").field == "id_mismatch"


def test_the_plan_summary_counts_every_class_in_order():
    summary = ImportPlan("s", []).summary()
    assert list(summary) == [kind.value for kind in ResourceClass] + ["batches"]


def test_verify_json_round_trips_through_the_typed_verdicts():
    import json

    from importer.verify.gate import Finding, Verdict
    from importer.verify.verify import BatchOutcome, VerifyResult

    finding = Finding("tags", "drift", {"a": "1"}, {"a": "2"}, "change it", ("tags.b",))
    verdict = Verdict("aws_sqs_queue.q", "aws_sqs_queue", ("update",), True, "refused", "update", (finding,), "q")
    result = VerifyResult("s", "digest", {"exists": False}, batches=[
        BatchOutcome(1, False, 1.5, {"update": 1}, [verdict], {"exists": False, "resources": []})],
        final={}, plans_run=1, seconds=2.0)
    text = result.to_json()
    assert VerifyResult.from_json(text) == result and VerifyResult.from_json(text).to_json() == text
    written = json.loads(text)["batches"][0]["verdicts"][0]
    assert list(written) == ["address", "type", "actions", "importing", "status", "kind", "construct_path", "findings"]
    assert written["findings"] == [{"attribute": "tags", "kind": "drift", "code": {"a": "1"}, "live": {"a": "2"},
                                    "advice": "change it", "sensitive": ["tags.b"]}]
