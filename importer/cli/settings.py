"""Settings derived from the environment, in one place: which region and account a command reads.

The rule: the region to read is the literal ``region`` of the configuration's default (alias-free)
``aws`` provider block. ``--region`` or ``AWS_REGION``/``AWS_DEFAULT_REGION`` that differ from it
are refused (one line naming both values and where each came from) instead of reading another
region and concluding "nothing to import". A configuration that pins no region reads ``--region``,
else the environment, else the S3 backend's region, else us-east-1. When the provider block lists
``allowed_account_ids`` or ``forbidden_account_ids``, the caller's account must agree.

This is the only module of ``importer/`` that reads ``os.environ``: everything else receives the
values it needs (a region, an endpoint, the full environment for Terraform) as arguments.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Mapping
from urllib.parse import urlsplit

import boto3
import click

from importer.desired.config import default_aws_provider
from importer.discovery.session import ClientFactory
from importer.terraform.cliconfig import MirrorNotFound, find_provider_mirror, write_cli_config

ENV_REGION_VARIABLES = ("AWS_REGION", "AWS_DEFAULT_REGION")
DEFAULT_REGION = "us-east-1"
log = logging.getLogger(__name__)


class SettingsError(ValueError):
    """The region or account to read contradicts the configuration; the message is one line."""


@dataclass(frozen=True)
class ProviderPins:
    """What a configuration pins about where it lives (from its default aws provider and backend)."""

    where: str
    region: str | None = None
    allowed_account_ids: tuple[str, ...] = ()
    forbidden_account_ids: tuple[str, ...] = ()
    backend_region: str | None = None


@dataclass(frozen=True)
class Settings:
    """The region (and where it came from), endpoint and account rules every command uses."""

    region: str
    region_source: str
    endpoint_url: str | None = None
    state_region: str = DEFAULT_REGION
    pins: ProviderPins = ProviderPins(where="no configuration")


def _literal(value: Any) -> str | None:
    return value if isinstance(value, str) and value and "${" not in value else None


def _ids(value: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in value) if isinstance(value, list) else ()


def provider_pins(document: Mapping[str, Any], where: str) -> ProviderPins:
    """The region and account IDs a configuration pins (``where`` names it in messages)."""
    provider = default_aws_provider(document)
    terraform = document.get("terraform") if isinstance(document, Mapping) else None
    backend = terraform.get("backend") if isinstance(terraform, Mapping) else None
    s3 = backend.get("s3") if isinstance(backend, Mapping) else None
    return ProviderPins(where=where, region=_literal(provider.get("region")),
                        allowed_account_ids=_ids(provider.get("allowed_account_ids")),
                        forbidden_account_ids=_ids(provider.get("forbidden_account_ids")),
                        backend_region=_literal(s3.get("region")) if isinstance(s3, Mapping) else None)


def resolve_region(pins: ProviderPins, flag: str | None, environ: Mapping[str, str]) -> tuple[str, str]:
    """(region, where it came from); SettingsError when the flag or environment contradicts the pin."""
    pinned = f'the configuration\'s provider "aws" region in {pins.where}'
    if flag:
        if pins.region and flag != pins.region:
            raise SettingsError(f"--region {flag} (command line) differs from {pins.region} ({pinned}); "
                                "nothing was read")
        return flag, "--region"
    from_env = [(name, environ[name]) for name in ENV_REGION_VARIABLES if environ.get(name)]
    if pins.region:
        for name, value in from_env:
            if value != pins.region:
                raise SettingsError(f"{name}={value} (environment) differs from {pins.region} ({pinned}); "
                                    f"unset {name} or give --region {pins.region}; nothing was read")
        return pins.region, pinned
    if from_env:
        return from_env[0][1], from_env[0][0]
    if pins.backend_region:
        return pins.backend_region, f"the S3 backend's region in {pins.where}"
    return DEFAULT_REGION, "default"


def resolve_settings(document: Mapping[str, Any] | None, where: str, flag_region: str | None,
                     environ: Mapping[str, str]) -> Settings:
    """Settings for one command from its configuration (None: none given), flag and environment."""
    pins = provider_pins(document or {}, where)
    region, source = resolve_region(pins, flag_region, environ)
    return Settings(region=region, region_source=source, endpoint_url=environ.get("AWS_ENDPOINT_URL") or None,
                    state_region=pins.backend_region or region, pins=pins)


def check_account(pins: ProviderPins, account: str, source: str) -> None:
    """Refuse an account the configuration does not allow (``source``: where ``account`` came from)."""
    if pins.allowed_account_ids and account not in pins.allowed_account_ids:
        raise SettingsError(f"account {account} ({source}) is not in allowed_account_ids "
                            f"{', '.join(pins.allowed_account_ids)} (provider \"aws\" in {pins.where}); nothing was read")
    if account in pins.forbidden_account_ids:
        raise SettingsError(f"account {account} ({source}) is in forbidden_account_ids (provider \"aws\" in "
                            f"{pins.where}); nothing was read")


def caller_account(settings: Settings, session: boto3.Session | None = None) -> str:
    """The caller's account from STS GetCallerIdentity (the one call allowed besides reads)."""
    factory = ClientFactory(session or boto3.Session(), settings.region, frozenset(), endpoint_url=settings.endpoint_url,
                            max_attempts=2, connect_timeout=3, read_timeout=10)
    try:
        return factory.client("sts").get_caller_identity()["Account"]
    except Exception as error:  # noqa: BLE001 - credentials, endpoint or refusal: one line either way
        raise SettingsError(f"cannot learn the caller's account from STS to compare with the account IDs "
                            f"{settings.pins.where} allows ({type(error).__name__}: {error})") from error


def check_caller_account(settings: Settings, account_of: Callable[[Settings], str] = caller_account) -> None:
    """When the configuration limits the accounts, compare the caller's (one STS call); else nothing."""
    if settings.pins.allowed_account_ids or settings.pins.forbidden_account_ids:
        check_account(settings.pins, account_of(settings), "the caller, from STS GetCallerIdentity")
        log.info("the caller's account is allowed by %s", settings.pins.where)


def settings_for(config: Path | Mapping[str, Any] | None, flag_region: str | None, where: str | None = None,
                 *, check_account_ids: bool = True) -> Settings:
    """The command line's entry point: settings from ``os.environ``, the flag and the configuration
    (a path, an already parsed document, or None); a contradiction becomes a one-line error."""
    document: Mapping[str, Any] | None
    if isinstance(config, Path):
        where = where or str(config)
        try:
            document = json.loads(config.read_text())
        except (OSError, ValueError) as error:
            raise click.ClickException(f"{config}: cannot read the configuration ({error})") from error
    else:
        document = config
    try:
        settings = resolve_settings(document if isinstance(document, Mapping) else None,
                                    where or "the configuration", flag_region, process_environment())
        log.info("region %s (from %s); state bucket region %s; endpoint %s", settings.region, settings.region_source,
                 settings.state_region, _host(settings.endpoint_url) if settings.endpoint_url else "AWS")
        if check_account_ids:
            check_caller_account(settings)
    except SettingsError as error:
        raise click.ClickException(str(error)) from error
    return settings


def _host(url: str) -> str:
    """``url`` without anything but its scheme, host and port (never user info or a query)."""
    try:
        parts = urlsplit(url)
        port = f":{parts.port}" if parts.port else ""
        return f"{parts.scheme}://{parts.hostname}{port}" if parts.hostname else "(set)"
    except ValueError:
        return "(set)"


def process_environment() -> dict[str, str]:
    """A copy of this process's environment (the one place ``importer/`` reads it)."""
    return dict(os.environ)


def terraform_environment(scratch: Path) -> dict[str, str]:
    """The process environment plus a Terraform CLI config for the local provider mirror (written in
    ``scratch`` unless ``TF_CLI_CONFIG_FILE`` names an existing file)."""
    environ = process_environment()
    configured = environ.get("TF_CLI_CONFIG_FILE")
    if not (configured and Path(configured).is_file()):
        try:
            path = scratch / "terraform.rc"
            write_cli_config(path, find_provider_mirror(environ))
            environ["TF_CLI_CONFIG_FILE"] = str(path)
        except MirrorNotFound:
            pass  # Terraform then uses its own configuration (and the public registry)
    return environ


def region_environment(scratch: Path, settings: Settings) -> dict[str, str]:
    """:func:`terraform_environment` reading the region the command resolved (a provider block that
    pins none then uses it too)."""
    return {**terraform_environment(scratch), "AWS_REGION": settings.region, "AWS_DEFAULT_REGION": settings.region}
