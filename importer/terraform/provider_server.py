"""One provider process for a series of Terraform commands, through Terraform's own provider
reattach protocol (``TF_REATTACH_PROVIDERS``; the provider binary's ``-debug`` mode).

Every ``terraform plan``/``validate``/``show`` otherwise starts the provider anew (hashicorp/aws 5.100
is a 700 MB binary: several seconds per start on a loaded 2-core machine, often more than the work
itself). The provider is the one ``terraform init`` installed in the working directory, started with
the environment Terraform would give it (it reads credentials and endpoints from its own
environment; see :func:`provider_environment` for the one exception). It is stopped with its process
group when the block ends, whatever happens; its output goes to a file of the working directory,
deleted then. When it cannot be started (no binary,
no reattach line in time) the block yields no variable and commands start the provider as usual."""

from __future__ import annotations

import json
import logging
import re
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Mapping

from importer.terraform.runner import stop_process_group

log = logging.getLogger(__name__)
AWS_SOURCE = "registry.terraform.io/hashicorp/aws"
_REATTACH = re.compile(r"TF_REATTACH_PROVIDERS='([^']+)'")
_OUTPUT = "provider-server.log"


def installed_provider(workdir: Path, source: str = AWS_SOURCE) -> Path | None:
    """The provider binary ``terraform init`` installed in ``workdir`` for ``source`` (highest version)."""
    found = sorted((Path(workdir) / ".terraform" / "providers" / source).glob("*/*/terraform-provider-*"))
    binaries = [path.resolve() for path in found if not path.name.endswith((".txt", ".md"))]
    return binaries[-1] if binaries else None


def provider_environment(environ: Mapping[str, str]) -> dict[str, str] | None:
    """The environment for a served provider, or None when it cannot be served: hashicorp/aws 5.100
    fails its second configuration in one process when ``AWS_CA_BUNDLE`` is set ("unable to add
    custom RootCAs HTTPClient"). The bundle is left out when every AWS endpoint is plain http (a
    local emulator: no TLS, nothing for it to verify); otherwise each command starts the provider."""
    if not environ.get("AWS_CA_BUNDLE"):
        return dict(environ)
    endpoints = [v for k, v in environ.items() if k == "AWS_ENDPOINT_URL" or k.startswith("AWS_ENDPOINT_URL_")]
    if "AWS_ENDPOINT_URL" in environ and all(v.startswith("http://") for v in endpoints):
        return {k: v for k, v in environ.items() if k != "AWS_CA_BUNDLE"}
    return None


def reattach_value(output: str, source: str = AWS_SOURCE) -> str | None:
    """The ``TF_REATTACH_PROVIDERS`` value a provider printed in ``-debug`` mode, when it names ``source``."""
    found = _REATTACH.search(output)
    if not found:
        return None
    try:
        return found.group(1) if source in json.loads(found.group(1)) else None
    except ValueError:
        return None


@contextmanager
def served_provider(workdir: Path, environ: Mapping[str, str], source: str = AWS_SOURCE,
                    start_timeout: float = 60.0) -> Iterator[dict[str, str]]:
    """Run the provider installed in ``workdir`` once for the block; yields the environment additions
    for Terraform (``{"TF_REATTACH_PROVIDERS": ...}``), or ``{}`` when it cannot be served."""
    binary, environment = installed_provider(workdir, source), provider_environment(environ)
    if binary is None or environment is None:
        yield {}
        return
    output = Path(workdir) / _OUTPUT
    with output.open("w") as sink:
        process = subprocess.Popen([str(binary), "-debug"], cwd=workdir, env=environment, stdout=sink,
                                   stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
    try:
        value, deadline = None, time.monotonic() + start_timeout
        while value is None and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
            value = reattach_value(output.read_text(errors="replace"), source)
        if value is None:
            log.info("provider %s did not offer a reattach address: each command starts its own", binary.name)
        yield {"TF_REATTACH_PROVIDERS": value} if value else {}
    finally:
        stop_process_group(process, interrupt_grace=10.0, terminate_grace=5.0)
        output.unlink(missing_ok=True)
