"""One error-to-exit mapping for every command: a failure is one line on stderr and exit 1, never
a traceback. Exit 2 stays what ``plan`` means by it (work planned); usage errors are errors (1)."""

from __future__ import annotations

from typing import Callable, NoReturn

import click
from botocore.exceptions import BotoCoreError, ClientError, NoCredentialsError, NoRegionError

from importer.desired.config import ConfigError
from importer.discovery.errors import DiscoveryAborted
from importer.plan import PlanError
from importer.state.reader import StateError
from importer.terraform.runner import TerraformError

EXIT_ERROR = 1
_KNOWN = (ConfigError, PlanError, StateError, DiscoveryAborted, TerraformError)


def one_line(message: str, limit: int = 2000) -> str:
    """``message`` folded onto one line (Terraform's multi-line errors keep their words)."""
    text = " ".join(part.strip() for part in str(message).splitlines() if part.strip())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def describe(error: BaseException) -> str:
    """The line a user reads for ``error``: what failed and, where known, what to do."""
    if isinstance(error, click.UsageError):
        hint = f" (see `{error.ctx.command_path} --help`)" if error.ctx is not None else ""
        return f"{error.format_message()}{hint}"
    if isinstance(error, click.ClickException):
        return error.format_message()
    if isinstance(error, NoCredentialsError):
        return "no AWS credentials found (set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or log in)"
    if isinstance(error, NoRegionError):
        return "no AWS region: set AWS_REGION or give --region"
    if isinstance(error, ClientError):
        info = error.response.get("Error", {})
        operation = getattr(error, "operation_name", "?")
        return f"AWS refused {operation}: {info.get('Code', '?')}: {info.get('Message', '')}".rstrip(": ")
    if isinstance(error, BotoCoreError):
        return f"cannot reach AWS: {error}"
    if isinstance(error, OSError) and error.filename:
        return f"{error.filename}: {error.strerror or error}"
    return str(error) or type(error).__name__


def finish(code: int) -> NoReturn:
    """End a command with its own result (plan: 2 work planned; verify, policy: 1 refused); errors
    are raised as exceptions instead and mapped by :func:`run_cli`."""
    raise click.exceptions.Exit(code)


def run_cli(command: Callable[..., object], prog_name: str, args: list[str] | None = None) -> int:
    """Run a click command and map every outcome to an exit code: the command's own (0/2), 1 for
    any error, 1 on interrupt (after the commands' cleanup ran)."""
    try:
        result = command.main(args=args, prog_name=prog_name, standalone_mode=False)
    except click.exceptions.Exit as done:
        return done.exit_code
    except click.Abort:
        click.echo("Error: interrupted; temporary work was removed and nothing was written", err=True)
        return EXIT_ERROR
    except (click.ClickException, *_KNOWN, BotoCoreError, ClientError, OSError) as error:
        click.echo(f"Error: {one_line(describe(error))}", err=True)
        return EXIT_ERROR
    return result if isinstance(result, int) else 0
