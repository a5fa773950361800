"""Lint generated IAM policies: this project's rules, and parliament's findings.

Rules: no ``*`` action, no ``service:*`` (nor any wildcard in an action), every action known to
IAM, and no ``Resource: "*"`` for an action IAM lets you limit to resource ARNs.
"""

from __future__ import annotations

import fnmatch
import json
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from importer.policy.mapping import action_info, fill

SEVERITY_ORDER = ("INFO", "LOW", "MEDIUM", "HIGH", "CRITICAL")


@dataclass(frozen=True)
class LintFinding:
    """One problem in one statement."""

    source: str  # "retainwise" or "parliament"
    issue: str
    severity: str
    detail: str

    def __str__(self) -> str:
        return f"{self.source} {self.severity} {self.issue}: {self.detail}"


def _as_list(value: Any) -> list:
    return [value] if isinstance(value, str) else list(value or [])


def lint_rules(document: Mapping[str, Any]) -> list[LintFinding]:
    """The project's own rules for an identity policy (trust policies have no resources to check)."""
    findings = []
    for statement in document.get("Statement", []):
        sid = statement.get("Sid", "?")
        if statement.get("Effect") != "Allow" or "NotAction" in statement or "NotResource" in statement:
            findings.append(LintFinding("retainwise", "NOT_PLAIN_ALLOW", "HIGH",
                                        f"{sid}: only plain Allow statements are generated"))
        resources = _as_list(statement.get("Resource"))
        for action in _as_list(statement.get("Action")):
            if "*" in action or "?" in action:
                findings.append(LintFinding("retainwise", "WILDCARD_ACTION", "HIGH", f"{sid}: {action}"))
                continue
            info = action_info(action)
            if info is None:
                findings.append(LintFinding("retainwise", "UNKNOWN_ACTION", "HIGH", f"{sid}: {action}"))
            elif "*" in resources and info.resource_level:
                findings.append(LintFinding("retainwise", "RESOURCE_STAR_SCOPABLE", "HIGH",
                                            f"{sid}: {action} supports resource ARNs but is given Resource '*'"))
    return findings


def lint_parliament(document: Mapping[str, Any]) -> list[LintFinding]:
    """parliament's findings (community auditors included) for one policy document."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # parliament 1.6.4 imports the deprecated pkg_resources
        import parliament
        from parliament import analyze_policy_string, enhance_finding
    parliament.override_config(Path(parliament.__file__).parent / "community_auditors" / "config_override.yaml")
    policy = analyze_policy_string(json.dumps(document), include_community_auditors=True)
    findings = []
    for finding in policy.findings:
        finding = enhance_finding(finding)
        detail = finding.detail
        if finding.issue == "RESOURCE_MISMATCH" and _allowed_elsewhere(document, detail):
            detail = f"{SPLIT_RESOURCES}: {detail}"
        findings.append(LintFinding("parliament", finding.issue, finding.severity or "UNKNOWN",
                                    f"{detail} {json.dumps(finding.location, default=str)}"))
    return findings


SPLIT_RESOURCES = "resource types split across statements"


def _allowed_elsewhere(document: Mapping[str, Any], missing: Any) -> bool:
    """True when every (action, required resource type) parliament misses in one statement is allowed by
    another statement of ``document`` (a call's resources may be allowed by different statements)."""
    if not isinstance(missing, list) or not missing:
        return False
    for item in missing:
        action, required = item.get("action", ""), item.get("required_format", "")
        if required == "*" or not any(
                action.lower() in {a.lower() for a in _as_list(s.get("Action"))}
                and any(fnmatch.fnmatchcase(r, required) for r in _as_list(s.get("Resource")))
                for s in document.get("Statement", [])):
            return False
    return True


def above(findings: list[LintFinding], threshold: str = "LOW") -> list[LintFinding]:
    """Findings more severe than ``threshold`` (unknown severities count as above)."""
    limit = SEVERITY_ORDER.index(threshold)
    return [f for f in findings
            if f.severity not in SEVERITY_ORDER or SEVERITY_ORDER.index(f.severity) > limit]


WAIVERS_PATH = Path(__file__).with_name("lint_waivers.json")


def load_waivers(path: Path = WAIVERS_PATH) -> list[dict[str, Any]]:
    """The documented findings a generated policy keeps on purpose (see ``lint_waivers.json``)."""
    return json.loads(Path(path).read_text())["waivers"]


def waived(kind: str, finding: LintFinding, values: Mapping[str, str],
           waivers: list[dict[str, Any]] | None = None) -> dict[str, Any] | None:
    """The waiver covering ``finding`` in the ``kind`` ("plan", "apply", "trust") policy, if any."""
    for waiver in load_waivers() if waivers is None else waivers:
        if (waiver["policy"], waiver["source"], waiver["issue"]) != (kind, finding.source, finding.issue):
            continue
        if all(fill(text, values) in finding.detail for text in waiver.get("detail_contains", [])):
            return waiver
    return None


def lint_trust(document: Mapping[str, Any]) -> list[LintFinding]:
    """A GitHub OIDC trust policy: one web-identity action, audience and subject pinned exactly."""
    findings = []
    for statement in document.get("Statement", []):
        sid = statement.get("Sid", "?")
        if _as_list(statement.get("Action")) != ["sts:AssumeRoleWithWebIdentity"]:
            findings.append(LintFinding("retainwise", "TRUST_ACTION", "HIGH", f"{sid}: {statement.get('Action')}"))
        equals = (statement.get("Condition") or {}).get("StringEquals", {})
        for key in ("aud", "sub"):
            value = equals.get(f"token.actions.githubusercontent.com:{key}")
            if not isinstance(value, str) or "*" in value or "?" in value:
                findings.append(LintFinding("retainwise", "TRUST_NOT_PINNED", "HIGH",
                                            f"{sid}: {key} must be one exact value, not {value!r}"))
        if set(statement.get("Condition") or {}) - {"StringEquals"}:
            findings.append(LintFinding("retainwise", "TRUST_EXTRA_CONDITION", "HIGH", f"{sid}: only StringEquals"))
    return findings


def lint_policy(kind: str, document: Mapping[str, Any], values: Mapping[str, str]) -> tuple[list[LintFinding], list[LintFinding]]:
    """(findings above LOW that are not waived, waived findings) for one generated document."""
    own = lint_trust(document) if kind == "trust" else lint_rules(document)
    findings = above(own + lint_parliament(document))
    kept = [f for f in findings if not waived(kind, f, values)]
    return kept, [f for f in findings if f not in kept]
