"""``policies/policies.md``: what the generated CI roles allow and what IAM could not limit, for
the pull request that changes them."""

from __future__ import annotations

from typing import Iterable

from importer.emit.report_md import _table


def render_policies(label: str, documents: Iterable[tuple[str, int, int, int, int]],
                    notes: Iterable[str], environment_unscoped: dict[str, str]) -> str:
    """Markdown for one stack's roles: per document (file, actions, characters, managed parts,
    lint findings above LOW), the notes, and every write not limited to the environment."""
    lines = [f"# Least-privilege CI roles: {label}", ""]
    lines += _table(["document", "actions", "characters", "managed parts", "findings above LOW"],
                    [[f"`{name}`", str(actions), str(size), str(parts) if parts else "-", str(findings)]
                     for name, actions, size, parts, findings in documents])
    other = [note for note in notes if not note.startswith("not scoped by environment:")]
    if other:
        lines += ["", "## Notes", ""] + [f"- {note}" for note in other]
    if environment_unscoped:
        lines += ["", "## Writes IAM cannot limit to this environment", ""]
        lines += _table(["action and resource", "why"],
                        [[f"`{where}`", why] for where, why in sorted(environment_unscoped.items())])
    return "\n".join(lines) + "\n"
