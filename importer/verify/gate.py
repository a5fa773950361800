"""The clean-plan gate: a batch is accepted only when every resource change is a pure import, a
move of a state entry (a ``moved`` block), a forget of a resource the plan decided to forget (a
``removed`` block), or an update of arguments that touch only state; anything else is refused,
with the resource, the action and the attribute-level difference, and an explanation of what
kind of diff it is."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Collection, Mapping

from importer.ids import TfAddress
from importer.specs.facts import all_facts, not_restored_by_type
from importer.verify.changes import AttributeDiff, ResourceChange, resource_changes

# Per-type exceptions, from the one facts loader (our facts beside the specs; the provider's tests).
STATE_ONLY: dict[str, Mapping[str, str]] = {
    type_name: facts.state_only for type_name, facts in all_facts().items() if facts.state_only}
NOT_RESTORED: dict[str, frozenset[str]] = not_restored_by_type()
UNKNOWN = "(known after apply)"

ACCEPTED, REFUSED = "accepted", "refused"
MOVE, FORGET = "move", "forget"


@dataclass(frozen=True)
class Finding:
    """Why one attribute differs, and what to do about it. ``code`` and ``live`` are redacted
    (secret parts read ``(sensitive)``); ``sensitive`` names the secret parts that differ."""

    attribute: str
    kind: str  # state-only | not-restored | provider-noise | drift | forces-replacement
    code: Any
    live: Any
    advice: str
    sensitive: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON form for verify.json."""
        return {"attribute": self.attribute, "kind": self.kind, "code": self.code, "live": self.live,
                "advice": self.advice, "sensitive": list(self.sensitive)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Finding":
        """Read the JSON form back (KeyError/TypeError when it is not one)."""
        return cls(str(data["attribute"]), str(data["kind"]), data["code"], data["live"], str(data["advice"]),
                   tuple(data.get("sensitive") or ()))


SENSITIVE_DIFFERS = "(sensitive value differs)"


def _secret_only(finding: Finding) -> str | None:
    """``(sensitive value differs)`` when nothing but a secret differs (the attribute is a secret,
    or its masked values are equal), naming the parts when they are inside the attribute."""
    secrets = finding.sensitive
    if not secrets:
        return None
    if finding.attribute in secrets:
        return SENSITIVE_DIFFERS
    return f"(sensitive value differs at {', '.join(secrets)})" if finding.code == finding.live else None


def value_cells(finding: Finding, width: int = 120) -> tuple[str, str]:
    """The code and live values of a finding as short texts: JSON with secret parts masked, or
    ``(sensitive value differs)`` where only a secret differs."""
    only = _secret_only(finding)
    if only:
        return only, only
    return json.dumps(finding.code)[:width], json.dumps(finding.live)[:width]


def describe_values(finding: Finding, width: int = 120) -> str:
    """One line for a finding's values: ``code X, live Y``, ``(sensitive value differs)``, or both
    (secret parts masked) when a secret and other parts of the attribute differ."""
    only = _secret_only(finding)
    if only:
        return only
    code, live = value_cells(finding, width)
    secrets = finding.sensitive
    prefix = f"(sensitive value differs at {', '.join(secrets)}); " if secrets else ""
    return f"{prefix}code {code}, live {live}"


@dataclass(frozen=True)
class Verdict:
    """The gate's decision on one resource change."""

    address: str
    type: str
    actions: tuple[str, ...]
    importing: bool
    status: str
    kind: str  # import | move | forget | state-only | update | create | delete | replace | no-op
    findings: tuple[Finding, ...] = ()
    construct_path: str | None = None
    previous_address: str | None = None  # the state entry a ``moved`` block moves here

    def to_dict(self) -> dict[str, Any]:
        """JSON form for verify.json (``previous_address`` only for a move)."""
        moved = {"previous_address": self.previous_address} if self.previous_address else {}
        return {"address": self.address, "type": self.type, "actions": list(self.actions),
                "importing": self.importing, "status": self.status, "kind": self.kind,
                "construct_path": self.construct_path,
                "findings": [finding.to_dict() for finding in self.findings]} | moved

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Verdict":
        """Read the JSON form back (KeyError/TypeError when it is not one)."""
        return cls(str(data["address"]), str(data["type"]), tuple(data["actions"]), bool(data["importing"]),
                   str(data["status"]), str(data["kind"]), tuple(Finding.from_dict(f) for f in data["findings"]),
                   data.get("construct_path"), data.get("previous_address"))


@dataclass
class GateResult:
    """All verdicts of one plan; accepted only when none is refused."""

    verdicts: list[Verdict] = field(default_factory=list)

    @property
    def accepted(self) -> bool:
        """True when the plan may be applied."""
        return all(v.status == ACCEPTED for v in self.verdicts)

    def refused(self) -> list[Verdict]:
        """The verdicts that keep the plan from being clean."""
        return [v for v in self.verdicts if v.status == REFUSED]

    def counts(self) -> dict[str, int]:
        """How many changes of each kind; a move that also updates counts as ``move`` too."""
        counts: dict[str, int] = {}
        for verdict in self.verdicts:
            counts[verdict.kind] = counts.get(verdict.kind, 0) + 1
            if verdict.previous_address and verdict.kind != MOVE:
                counts[MOVE] = counts.get(MOVE, 0) + 1
        return counts


def _shown(value: Any) -> str:
    return json.dumps(value)[:200]


def _finding(diff: AttributeDiff, kind: str, advice: str) -> Finding:
    return Finding(diff.name, kind, diff.after, diff.before, advice, diff.sensitive)


def explain(change: ResourceChange, diff: AttributeDiff, construct_path: str | None) -> Finding:
    """Classify one attribute difference (after = what the code wants, before = what is there).
    The diff is already redacted, and a secret difference is explained without any value."""
    where = f"the construct at stacks path '{construct_path}'" if construct_path else f"{change.address} in the config"
    secret = f"a sensitive value differs ({', '.join(diff.sensitive)})" if diff.sensitive else ""
    if diff.name in STATE_ONLY.get(change.type, {}):
        return _finding(diff, "state-only",
                        f"accepted: {STATE_ONLY[change.type][diff.name]}; applying writes only state")
    if diff.name in change.replace_paths or any(p.split(".")[0] == diff.name for p in change.replace_paths):
        live = "what is live (read it from AWS yourself: it is not shown)" if secret else \
            f"{_shown(diff.before)} (what is live)"
        return _finding(diff, "forces-replacement",
                        f"this attribute forces a replacement: make {where} say {live} or change AWS first")
    if diff.live_equivalent:
        return _finding(diff, "not-restored", f"the code's value equals the live {diff.live_equivalent}, but import "
                        f"does not read {diff.name} back, so applying sends it (and the code) to AWS again: add it "
                        f"to lifecycle.ignore_changes in {where}, or accept the AWS call outside the import")
    if diff.name in NOT_RESTORED.get(change.type, set()):
        return _finding(diff, "not-restored", "import does not read this argument back and applying it calls AWS: "
                        f"express what is live in {where}, or accept the AWS call outside the import")
    if diff.name == "tags" and change.tags_all_known and not any(d.name == "tags_all" for d in change.diffs):
        return _finding(diff, "state-only", "accepted: tags_all, from which the provider tags AWS, is unchanged "
                        "(the code's default_tags hold what its tags held); applying writes only state")
    if diff.name == "tags_all" and not any(d.name == "tags" for d in change.diffs):
        return _finding(diff, "provider-noise",
                        "only the provider's default tags differ: tag the live object with the default_tags")
    if diff.same_document:
        return _finding(diff, "provider-noise", "the same JSON document with other ordering or whitespace")
    if secret:
        return _finding(diff, "drift", f"{secret}: give {where} the live value through a sensitive variable "
                        "(never a literal), or change AWS to the code's value")
    return _finding(diff, "drift", f"code says {_shown(diff.after)}, live is {_shown(diff.before)}: "
                    f"change {where} to the live value, or change AWS to the code's value")


def _forgotten(address: str, forgotten: Collection[str]) -> bool:
    """Whether ``address`` is an instance of a resource the plan decided to forget."""
    try:
        return TfAddress.parse(address).unkeyed in forgotten
    except ValueError:
        return False


def judge(plan_json: Mapping[str, Any], construct_paths: Mapping[str, str] | None = None,
          forgotten: Collection[str] = ()) -> GateResult:
    """Decide on every managed resource change of a ``terraform show -json`` plan. ``forgotten``:
    the resources (no keys, what a ``removed`` block names) the plan decided to forget; a forget of
    anything else is refused."""
    construct_paths = construct_paths or {}
    forgotten = frozenset(forgotten)
    result = GateResult()
    for change in resource_changes(plan_json):
        path = construct_paths.get(change.address)
        importing = change.importing_id is not None
        moved = change.previous_address
        if change.actions in (("no-op",), ("read",)):
            kind = "import" if importing else MOVE if moved else "no-op"
            result.verdicts.append(Verdict(change.address, change.type, change.actions, importing, ACCEPTED,
                                           kind, construct_path=path, previous_address=moved))
            continue
        if change.actions == (FORGET,):
            listed = _forgotten(change.address, forgotten)
            result.verdicts.append(Verdict(change.address, change.type, change.actions, importing,
                                           ACCEPTED if listed else REFUSED, FORGET, construct_path=path,
                                           previous_address=moved))
            continue
        if change.actions == ("update",):
            findings = tuple(explain(change, diff, path) for diff in change.diffs if diff.after != UNKNOWN)
            state_only = bool(findings) and all(f.kind == "state-only" for f in findings)
            result.verdicts.append(Verdict(change.address, change.type, change.actions, importing,
                                           ACCEPTED if state_only else REFUSED, "state-only" if state_only else "update",
                                           findings, path, moved))
            continue
        kind = {("create",): "create", ("delete",): "delete"}.get(change.actions, "replace")
        findings = tuple(explain(change, diff, path) for diff in change.diffs if diff.after != UNKNOWN
                         and kind == "replace")
        result.verdicts.append(Verdict(change.address, change.type, change.actions, importing, REFUSED, kind,
                                       findings, path, moved))
    return result
