"""Shared state of one account build: clients, the environment's settings, and the report."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

import boto3
from botocore.config import Config

ACCOUNT_ID = "123456789012"  # the emulator's default account


@dataclass(frozen=True)
class LiveRecord:
    """One live object the builder made, as Terraform would name it.

    ``code_path`` is the construct path of the matching resource in the stack (without the
    stack name), or None when the code does not describe the object (unmanaged);
    ``state_address`` the address the seeded Terraform state holds it at ("" when not in state).
    """

    type: str
    import_id: str
    code_path: str | None
    in_state: bool = False
    state_address: str = ""
    drift: dict[str, dict[str, Any]] = field(default_factory=dict)
    canary: bool = False
    note: str = ""

    @property
    def unmanaged(self) -> bool:
        """True when no resource in code describes this object."""
        return self.code_path is None


@dataclass
class AccountReport:
    """Everything the builder made, in creation order."""

    environment: str
    records: list[LiveRecord] = field(default_factory=list)
    canaries: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def by_code_path(self) -> dict[str, LiveRecord]:
        """Records that code describes, by construct path."""
        return {record.code_path: record for record in self.records if record.code_path}

    def to_json(self) -> str:
        """The report as JSON (records with their derived ``unmanaged`` flag)."""
        records = [{**asdict(record), "unmanaged": record.unmanaged} for record in self.records]
        return json.dumps({"environment": self.environment, "records": records,
                           "canary_names": sorted(self.canaries), "notes": self.notes}, indent=2)


class BuildContext:
    """Clients, settings and the shared registry of IDs that later steps need."""

    def __init__(self, session: boto3.Session, endpoint_url: str | None, config: Any) -> None:
        self.session = session
        self.endpoint_url = endpoint_url
        self.config = config
        self.region: str = config.region
        self.account_id = ACCOUNT_ID
        self.prefix: str = config.prefix
        self.ids: dict[str, Any] = {}
        self.report = AccountReport(environment=config.name)
        self._clients: dict[str, Any] = {}

    def client(self, service: str):
        """A cached boto3 client for ``service`` (standard retry mode)."""
        if service not in self._clients:
            self._clients[service] = self.session.client(
                service, endpoint_url=self.endpoint_url, region_name=self.region,
                config=Config(retries={"mode": "standard", "max_attempts": 5}),
            )
        return self._clients[service]

    def tags(self, name: str | None = None, **extra: str) -> dict[str, str]:
        """The provider's default tags plus ``Name`` and extras, as a dict."""
        tags = dict(self.config.default_tags)
        if name:
            tags["Name"] = name
        tags.update(extra)
        return tags

    def tag_list(self, name: str | None = None, key: str = "Key", value: str = "Value", **extra: str):
        """The same tags as ``[{Key, Value}]`` (the key names vary by service)."""
        return [{key: k, value: v} for k, v in self.tags(name, **extra).items()]

    def record(self, type_: str, import_id: str, code_path: str | None, **details: Any) -> LiveRecord:
        """Append a record to the report and return it."""
        entry = LiveRecord(type_, import_id, code_path, **details)
        self.report.records.append(entry)
        return entry

    def arn(self, service: str, resource: str, region: bool = True) -> str:
        """An ARN in this account (and region unless the service is global)."""
        return f"arn:aws:{service}:{self.region if region else ''}:{self.account_id}:{resource}"
