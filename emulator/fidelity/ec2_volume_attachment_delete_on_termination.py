"""EC2 volume attachments carry ``DeleteOnTermination`` in DescribeVolumes, as in AWS; the emulator
left it out, so a root volume looked like a volume of its own (discovery tells them apart by it)."""

from __future__ import annotations

from typing import Any


def apply() -> None:
    """Answer the attachment's DeleteOnTermination from the instance's block device mapping (where
    the emulator keeps it)."""
    from moto.ec2.models.elastic_block_store import VolumeAttachment

    def delete_on_termination(self: Any) -> bool:
        device = getattr(self.instance, "block_device_mapping", {}).get(self.device)
        return bool(getattr(device, "delete_on_termination", False))

    VolumeAttachment.delete_on_termination = property(delete_on_termination)
