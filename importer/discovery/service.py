"""Discovery as one call: check the account can be reached, run the specs, return the inventory."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from importer.discovery.errors import DiscoveryAborted
from importer.discovery.inventory import Inventory
from importer.discovery.runner import DiscoveryRunner
from importer.discovery.session import IDENTITY_CHECK, ClientFactory, Instrument
from importer.specs import registry, required_specs


@dataclass(frozen=True)
class DiscoverySettings:
    """How to reach the account and how hard to try."""

    region: str
    endpoint_url: str | None = None
    max_workers: int = 16
    retry_mode: str = "standard"
    max_attempts: int = 6
    instruments: tuple[Instrument, ...] = field(default=())


def check_reachable(session: boto3.Session, settings: DiscoverySettings) -> str:
    """Fail fast with one clear sentence when the region, credentials or endpoint are wrong;
    return the account ID."""
    known = set(session.get_available_regions("ec2")) | set(session.get_available_regions("ec2", "aws-cn")) | \
        set(session.get_available_regions("ec2", "aws-us-gov"))
    if settings.region not in known:
        raise DiscoveryAborted(f"unknown AWS region {settings.region!r}")
    if session.get_credentials() is None:
        raise DiscoveryAborted("no AWS credentials found (environment, shared config/credentials file, SSO or "
                               "instance role)")
    client = session.client("sts", region_name=settings.region, endpoint_url=settings.endpoint_url,
                            config=Config(retries={"mode": "standard", "max_attempts": 2}, connect_timeout=3,
                                          read_timeout=10))
    try:
        return client.get_caller_identity()["Account"]
    except ClientError as error:
        raise DiscoveryAborted(f"the credentials were refused: {error.response['Error'].get('Message', error)}") \
            from error
    except BotoCoreError as error:
        raise DiscoveryAborted(f"cannot reach AWS: {error}") from error


def discover(
    session: boto3.Session, settings: DiscoverySettings, types: Iterable[str] | None = None,
    progress: Callable[[str, int, bool], None] | None = None,
) -> Inventory:
    """Discover ``types`` (default: every type with a spec) after checking the account is reachable."""
    account = check_reachable(session, settings)
    wanted = set(types) if types is not None else set(registry())
    specs = required_specs(wanted)
    allowed = frozenset(call for spec in specs for call in spec.calls())
    factory = ClientFactory(session, settings.region, allowed | {IDENTITY_CHECK}, endpoint_url=settings.endpoint_url,
                            retry_mode=settings.retry_mode, max_attempts=settings.max_attempts,
                            instruments=settings.instruments)
    runner = DiscoveryRunner(factory, max_workers=settings.max_workers, progress=progress, account=account)
    inventory = runner.run(specs, wanted)
    inventory.api_calls += 1  # the reachability check
    inventory.calls_by_service["sts"] = inventory.calls_by_service.get("sts", 0) + 1
    return inventory
