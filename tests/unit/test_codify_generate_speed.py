"""The codify engine's Terraform runs, with a scripted stand-in for the sandbox (no Terraform): the
speed tunings give the same CodifyResult as the baseline engine with fewer runs, and every run is
logged with its phase."""

from __future__ import annotations

import pytest

from importer.codify import generate
from importer.codify.generate import BASELINE, FAST, MAX_ROUNDS, RunLog, codify
from importer.discovery.inventory import LiveObject

QUEUE = "aws_sqs_queue.jobs"
STUCK = "aws_sqs_queue.stuck"
OBJECTS = [LiveObject("aws_sqs_queue", "https://sqs/q/jobs", attributes={"name": "jobs"}),
           LiveObject("aws_sqs_queue", "https://sqs/q/stuck", attributes={"name": "stuck"})]


def _scripted(plans: list[str], checked: list[list[str]] | None = None):
    """A stand-in sandbox: generated.tf for both queues; the check plan changes ``delay_seconds`` of
    jobs (in its configuration: dropped once) and ``policy`` of stuck (never in it: stuck for good)."""

    checked = [] if checked is None else checked

    class Box(generate._Sandbox):
        def init(self) -> None:
            self._timed("init", lambda: None)

        def plan(self, *extra: str) -> tuple[bool, str]:
            plans.append(self.phase)
            if self.phase == "check":
                checked.append([arg for arg in extra if arg.startswith("-target=")])
            if extra and self.phase == "generate":
                (self.root / "generated.tf").write_text("".join(
                    f'resource "aws_sqs_queue" "{n}" {{\n  name = "{n}"\n  delay_seconds = 5\n  tags_all = {{}}\n}}\n'
                    for n in ("jobs", "stuck")))
            self._timed("plan", lambda: None)
            return True, ""

        def show(self) -> dict:
            self._timed("show", lambda: None)
            if self.phase == "repair":
                expressions = {"name": {"constant_value": "x"}, "delay_seconds": {"constant_value": 5}}
                return {"configuration": {"root_module": {"resources": [
                    {"address": a, "expressions": expressions} for a in (QUEUE, STUCK)]}},
                    "resource_changes": [{"address": a, "change": {"actions": ["no-op"], "after": {
                        "name": a.split(".")[1], "delay_seconds": 5, "arn": f"arn:aws:sqs:::{a}"}}}
                        for a in (QUEUE, STUCK)]}
            config = (self.root / "codified.tf.json").read_text()
            changes = [{"address": STUCK, "change": {"actions": ["update"], "before": {"policy": "a"},
                                                     "after": {"policy": "b"}}}]
            if '"delay_seconds": 5' in config.split('"jobs"')[1]:
                changes.append({"address": QUEUE, "change": {"actions": ["update"], "before": {"delay_seconds": 0},
                                                             "after": {"delay_seconds": 5}}})
            return {"resource_changes": changes}

    return Box


@pytest.mark.parametrize("tuning", [BASELINE, FAST])
def test_stuck_check_rounds_give_the_baseline_result(tuning, tmp_path, monkeypatch):
    plans: list[str] = []
    checked: list[list[str]] = []
    monkeypatch.setattr(generate, "_Sandbox", _scripted(plans, checked))
    log = RunLog()
    result = codify(OBJECTS, region="us-east-1", environ={}, workdir=tmp_path, log=log, tuning=tuning)
    assert [r.address for r in result.resources] == [QUEUE]
    assert "delay_seconds" not in result.resources[0].arguments
    assert any("delay_seconds: dropped" in c for c in result.resources[0].comments)
    assert result.skipped == (f"{STUCK}: the import plan still changes policy",)
    # baseline: MAX_ROUNDS check plans of the same configuration; fast: it stops once a round drops nothing
    assert plans.count("check") == (MAX_ROUNDS if tuning == BASELINE else 2)
    assert log.count("check") == 2 * plans.count("check") and log.count("init") == 1
    # fast: a check round after the first plans only what the last round changed
    again = [f"-target={QUEUE}", f"-target={STUCK}"] if tuning == FAST else []
    assert checked == [[]] + [again] * (len(checked) - 1)
    assert [phase for phase, _, _ in log.runs][:3] == ["init", "generate", "repair"]


def test_fast_and_baseline_results_are_equal(tmp_path, monkeypatch):
    results = []
    for tuning in (BASELINE, FAST):
        monkeypatch.setattr(generate, "_Sandbox", _scripted([]))
        results.append(codify(OBJECTS, region="us-east-1", environ={}, workdir=tmp_path / str(len(results)),
                              tuning=tuning))
    assert results[0] == results[1]
