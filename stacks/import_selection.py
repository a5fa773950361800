"""Apply one import batch of an ImportPlan to a stack (``IMPORT_BATCH=k``): keep exactly the
resources whose plan is clean (managed ones, moved targets and batches 1..k), add ``import``
blocks for batch k, and remove everything else (later batches, resources to create, ambiguous
ones). Which addresses are kept and imported is decided by the importer's one rule
(``importer.verify.batch_config.batch_selection``, the one verify and apply use); this module
only applies that selection to the CDKTF constructs.

The plan's state blocks (``ImportPlan.state_blocks()``) go in through CDKTF itself, never by
editing the synthesized JSON: each move with the target construct's ``move_from_id`` (a root
``moved`` block), the forgets with the stack's ``add_override("removed", ...)`` escape hatch
(CDKTF has no construct for Terraform's ``removed`` block)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from stacks.cdk import TerraformResource, TerraformStack


class SelectionError(ValueError):
    """The plan and the stack disagree (an address the plan names is not in the stack)."""


@dataclass(frozen=True)
class BatchApplied:
    """What one batch did to a stack: resources left out, imports, moves and forgets added."""

    removed: int
    imports: int
    moves: int
    forgets: int


def resource_address(resource: TerraformResource) -> str:
    """The Terraform address CDKTF will give this resource."""
    return f"{resource.terraform_resource_type}.{resource.friendly_unique_id}"


def stack_resources(stack: TerraformStack) -> dict[str, TerraformResource]:
    """Every resource construct of ``stack`` by its Terraform address."""
    return {resource_address(c): c for c in stack.node.find_all() if isinstance(c, TerraformResource)}


def stack_addresses(stack: TerraformStack) -> set[str]:
    """The address of every resource of ``stack``."""
    return set(stack_resources(stack))


def _listed(addresses: list[str]) -> str:
    return f"{', '.join(addresses[:5])}{' ...' if len(addresses) > 5 else ''}"


def _refuse_unknown(stack: TerraformStack, resources: Mapping[str, TerraformResource], keep: set[str],
                    imports: Mapping[str, str], moves: Mapping[str, str], removed: list[dict[str, Any]]) -> None:
    unknown = sorted((set(keep) | set(imports) | set(moves)) - set(resources))
    if unknown:
        raise SelectionError(f"the import plan names resources the {stack.node.id} stack does not have: "
                             f"{_listed(unknown)} (re-run the plan)")
    declared = sorted(block["from"] for block in removed if block["from"] in resources)
    if declared:
        raise SelectionError(f"the import plan forgets resources the {stack.node.id} stack declares: "
                             f"{_listed(declared)} (a removed block may not name a declared resource; re-run "
                             "the plan)")


def apply_import_batch(stack: TerraformStack, keep: set[str], imports: Mapping[str, str],
                       state_blocks: Mapping[str, list[dict[str, Any]]] | None = None) -> BatchApplied:
    """Remove resources not in ``keep``, mark ``imports`` (address -> ID), and add the plan's
    ``state_blocks`` (``moved``: each target construct moves from its old address; ``removed``:
    stack-level blocks that forget without destroying). Never removes a kept (managed, moved or
    earlier-batch) resource; SelectionError when the plan names what the stack lacks."""
    blocks = state_blocks or {}
    moves = {block["to"]: block["from"] for block in blocks.get("moved", [])}
    removed_blocks = list(blocks.get("removed", []))
    resources = stack_resources(stack)
    _refuse_unknown(stack, resources, keep, imports, moves, removed_blocks)
    left_out = 0
    for address, resource in sorted(resources.items()):
        if address in imports:
            resource.import_from(imports[address])
        elif address not in keep and address not in moves:
            resource.node.scope.node.try_remove_child(resource.node.id)
            left_out += 1
        if address in moves:
            resource.move_from_id(moves[address])
    if removed_blocks:
        stack.add_override("removed", removed_blocks)
    return BatchApplied(left_out, len(imports), len(moves), len(removed_blocks))
