"""Apply one import batch of an ImportPlan to a stack (``IMPORT_BATCH=k``): keep exactly the
resources whose plan is clean (managed ones and batches 1..k), add ``import`` blocks for batch
k, and remove everything else (later batches, resources to create, ambiguous ones). Which
addresses are kept and imported is decided by the importer's one rule
(``importer.verify.batch_config.batch_selection``, the one verify and apply use); this module
only applies that selection to the CDKTF constructs."""

from __future__ import annotations

from cdktf import TerraformResource, TerraformStack


class SelectionError(ValueError):
    """The plan and the stack disagree (an address the plan names is not in the stack)."""


def resource_address(resource: TerraformResource) -> str:
    """The Terraform address CDKTF will give this resource."""
    return f"{resource.terraform_resource_type}.{resource.friendly_unique_id}"


def stack_addresses(stack: TerraformStack) -> set[str]:
    """The address of every resource of ``stack``."""
    return {resource_address(c) for c in stack.node.find_all() if isinstance(c, TerraformResource)}


def apply_import_batch(stack: TerraformStack, keep: set[str], imports: dict[str, str]) -> int:
    """Remove resources not in ``keep`` and mark ``imports`` (address -> ID); return how many
    resources were removed. Never removes a kept (managed or earlier-batch) resource."""
    resources = {resource_address(c): c for c in stack.node.find_all() if isinstance(c, TerraformResource)}
    unknown = sorted((set(keep) | set(imports)) - set(resources))
    if unknown:
        raise SelectionError(f"the import plan names resources the {stack.node.id} stack does not have: "
                             f"{', '.join(unknown[:5])}{' ...' if len(unknown) > 5 else ''} (re-run the plan)")
    removed = 0
    for address, resource in sorted(resources.items()):
        if address in imports:
            resource.import_from(imports[address])
        elif address not in keep:
            resource.node.scope.node.try_remove_child(resource.node.id)
            removed += 1
    return removed
