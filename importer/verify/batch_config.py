"""The configuration of one import batch, derived from any Terraform JSON config and the plan:
exactly what ``IMPORT_BATCH=k`` synthesizes (managed resources and batches 1..k, import blocks
for batch k, the plan's ``moved`` and ``removed`` blocks), so verification needs no CDKTF.
Resources already in state are kept (they are managed now), and outputs, locals and data
sources that reference what the batch leaves out are left out with it."""

from __future__ import annotations

import copy
import hashlib
import json
from dataclasses import dataclass
from typing import Any, Collection

from importer.desired.slicer import SliceError, construct_paths, slice_config
from importer.plan import ImportPlan, PlanError, PlannedImport

__all__ = ["LOCAL_STATE", "BatchSelection", "batch_config", "batch_selection", "config_digest", "construct_paths"]

LOCAL_STATE = "terraform.tfstate"


def _without_metadata(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _without_metadata(item) for key, item in value.items() if key != "//"}
    if isinstance(value, list):
        return [_without_metadata(item) for item in value]
    return value


def config_digest(config: dict[str, Any]) -> str:
    """SHA-256 of everything that changes a plan (to notice a config changed since verify): the
    whole document except CDKTF's ``//`` metadata and the import blocks, independent of key order."""
    document = _without_metadata({key: value for key, value in config.items() if key != "import"})
    return hashlib.sha256(json.dumps(document, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


@dataclass(frozen=True)
class BatchSelection:
    """What the config of one batch keeps (addresses) and imports."""

    keep: frozenset[str]
    imports: tuple[PlannedImport, ...]


def batch_selection(plan: ImportPlan, batch: int, *, cumulative: bool = False,
                    in_state: Collection[str] = ()) -> BatchSelection:
    """The one selection rule, for verify, apply and ``IMPORT_BATCH``: managed resources and
    batches 1..``batch`` are kept, batch ``batch`` is imported (with ``cumulative``, batches
    1..``batch``); what is ``in_state`` is kept and not imported again. PlanError for a batch
    the plan does not have."""
    keep, imports = plan.selection(batch)
    if cumulative:
        imports = [planned for earlier in plan.batches[:batch] for planned in earlier]
    return BatchSelection(frozenset(keep | set(in_state)),
                          tuple(planned for planned in imports if planned.address not in in_state))


def batch_config(config: dict[str, Any], plan: ImportPlan, batch: int | None,
                 backend: dict[str, Any] | None = None, *, cumulative: bool = False,
                 in_state: Collection[str] = ()) -> dict[str, Any]:
    """The config for ``batch`` (None: the full config without import blocks, moves or forgets:
    once every batch is applied it must plan no changes on its own), with ``backend``
    replacing the configured one when given; with ``cumulative``, the import blocks of batches
    1..batch instead of batch alone. Resources whose address is ``in_state`` are kept and get no
    import block. Refuses a selection whose resources reference what it leaves out."""
    document = copy.deepcopy(config)
    document.pop("import", None)
    if batch is not None:
        selection = batch_selection(plan, batch, cumulative=cumulative, in_state=in_state)
        try:
            document = slice_config(document, selection.keep)
        except SliceError as error:
            raise PlanError(f"batch {batch} keeps resources that reference {', '.join(error.missing[:5])}, which "
                            "the batch leaves out (re-run the plan)") from error
        if selection.imports:
            document["import"] = [{"to": planned.address, "id": planned.id} for planned in selection.imports]
        for kind, blocks in plan.state_blocks().items():  # no-ops once applied: every batch carries them
            present = document.get(kind) or []
            document[kind] = [*present, *(block for block in blocks if block not in present)]
    if backend is not None:
        document.setdefault("terraform", {})["backend"] = backend
    return document
