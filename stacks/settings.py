"""How the provider and backend reach AWS: the real endpoints, or a local emulator.

Built once by the composition root (``main.py``) from the standard AWS environment and passed
into the stacks, so constructs never look at the process environment.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping


@dataclass(frozen=True)
class ProviderSettings:
    """Provider/backend options that depend on where AWS is, not on the environment."""

    endpoint_url: str | None = None
    emulator_max_retries: int = 2

    @classmethod
    def from_environ(cls, environ: Mapping[str, str]) -> "ProviderSettings":
        """Read ``AWS_ENDPOINT_URL`` the way the AWS SDKs and the provider do."""
        return cls(endpoint_url=environ.get("AWS_ENDPOINT_URL") or None)

    @property
    def uses_emulator(self) -> bool:
        """True when a custom endpoint (the local emulator) replaces AWS."""
        return self.endpoint_url is not None

    def provider_arguments(self) -> dict[str, Any]:
        """Extra ``AwsProvider`` arguments: skip flags, path-style S3 and low retries.

        The provider still asks for the account ID (``sts:GetCallerIdentity``, which the emulator
        answers): without it, it cannot tell that a security group rule's referenced group is in
        the same account and plans ``<account>/sg-...`` -> ``sg-...`` on every plan.
        """
        if not self.uses_emulator:
            return {}
        return {
            "skip_credentials_validation": True,
            "skip_metadata_api_check": "true",
            "s3_use_path_style": True,
            "max_retries": self.emulator_max_retries,
        }

    def backend_arguments(self) -> dict[str, Any]:
        """Extra ``S3Backend`` arguments; the endpoint itself comes from ``AWS_ENDPOINT_URL_S3``."""
        if not self.uses_emulator:
            return {}
        return {
            "skip_credentials_validation": True,
            "skip_requesting_account_id": True,
            "skip_metadata_api_check": True,
            "skip_region_validation": True,
            "use_path_style": True,
            "max_retries": self.emulator_max_retries,
        }
