"""S3 keeps an inventory configuration's ``IncludedObjectVersions`` (``All`` or ``Current``) and answers it.
The emulator dropped it on PutBucketInventoryConfiguration and answered ``All`` for every
configuration, so ``aws_s3_bucket_inventory`` with ``included_object_versions = "Current"`` (the usual
choice) planned a change after every import."""

from __future__ import annotations

from typing import Any, Callable


def _answering_kept_versions(method: Callable, configurations: Callable[[Any], list[dict]]) -> Callable:
    """``method`` with each answered configuration's IncludedObjectVersions taken from the kept one."""

    def wrapper(self: Any) -> Any:
        serialized = self.serialized

        def fixed(result: Any) -> Any:
            bucket = self.backend.get_bucket(self.bucket_name)
            for config in configurations(result.result):
                kept = bucket.inventory_configs.get(config["Id"])
                config["IncludedObjectVersions"] = getattr(kept, "included_object_versions", "All")
            return serialized(result)

        self.serialized = fixed
        try:
            return method(self)
        finally:
            del self.serialized

    return wrapper


def apply() -> None:
    """Keep the value at put time; answer it in Get and List."""
    from moto.s3.models import S3Backend
    from moto.s3.responses import S3Response

    put = S3Backend.put_bucket_inventory_configuration

    def put_bucket_inventory_configuration(self: Any, bucket_name: str, inventory_configuration: dict) -> None:
        put(self, bucket_name, inventory_configuration)
        kept = self.get_bucket(bucket_name).inventory_configs[inventory_configuration["Id"]]
        kept.included_object_versions = inventory_configuration.get("IncludedObjectVersions", "All")

    S3Backend.put_bucket_inventory_configuration = put_bucket_inventory_configuration
    S3Response.get_bucket_inventory_configuration = _answering_kept_versions(
        S3Response.get_bucket_inventory_configuration, lambda result: [result["InventoryConfiguration"]])
    S3Response.list_bucket_inventory_configurations = _answering_kept_versions(
        S3Response.list_bucket_inventory_configurations, lambda result: result["InventoryConfigurationList"])
