"""The project's own Terraform CLI configuration: providers come from a local filesystem
mirror (the public registry is not reachable here), and nothing phones home.

Standard library only, so ``make setup`` can run it before any virtualenv exists:
``python3 -m importer.terraform.cliconfig --write .tools/terraform.rc [--mirror DIR]`` (the Makefile
passes ``TF_PROVIDER_MIRROR`` as ``--mirror``; this module never reads the environment itself).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Mapping

PROVIDER_SOURCE = "registry.terraform.io/hashicorp/aws"
# Where images and users usually keep plugin mirrors, checked before any wider search.
CANDIDATE_ROOTS = (
    "/opt/tf-plugins",
    "~/.terraform.d/plugins",
    "~/.local/share/terraform/plugins",
    "/usr/local/share/terraform/plugins",
    "/usr/share/terraform/plugins",
)
SEARCH_ROOTS = ("/opt", "/usr/local", "/usr/share", "/srv", "~")
MAX_SEARCH_DEPTH = 5


class MirrorNotFound(RuntimeError):
    """No directory holding the hashicorp/aws provider in the registry layout was found."""


def _holds_aws_provider(root: Path) -> bool:
    provider_dir = root / PROVIDER_SOURCE
    return provider_dir.is_dir() and any(provider_dir.glob("*/*/terraform-provider-aws_*"))


def _walk(root: Path, depth: int):
    if depth < 0 or not root.is_dir():
        return
    yield root
    try:
        children = sorted(child for child in root.iterdir() if child.is_dir() and not child.is_symlink())
    except OSError:
        return
    for child in children:
        yield from _walk(child, depth - 1)


def find_provider_mirror(environ: Mapping[str, str]) -> Path:
    """Locate the filesystem mirror: ``TF_PROVIDER_MIRROR`` in ``environ`` (the caller's environment)
    if set, else known places, else a bounded search. Raises MirrorNotFound with what was tried."""
    explicit = environ.get("TF_PROVIDER_MIRROR")
    if explicit:
        root = Path(explicit).expanduser()
        if _holds_aws_provider(root):
            return root
        raise MirrorNotFound(f"TF_PROVIDER_MIRROR={explicit} holds no {PROVIDER_SOURCE} provider")
    for candidate in CANDIDATE_ROOTS:
        root = Path(candidate).expanduser()
        if _holds_aws_provider(root):
            return root
    for search_root in SEARCH_ROOTS:
        for directory in _walk(Path(search_root).expanduser(), MAX_SEARCH_DEPTH):
            if _holds_aws_provider(directory):
                return directory
    raise MirrorNotFound(
        f"no filesystem mirror of {PROVIDER_SOURCE} under {', '.join(CANDIDATE_ROOTS + SEARCH_ROOTS)}; "
        "set TF_PROVIDER_MIRROR to the directory that contains registry.terraform.io/"
    )


def render_cli_config(mirror: Path) -> str:
    """CLI config text: the mirror for hashicorp/aws, direct install for anything else."""
    path = json.dumps(str(mirror))
    source = json.dumps(PROVIDER_SOURCE)
    return (
        "# Written by `make setup` (importer.terraform.cliconfig); do not edit by hand.\n"
        "disable_checkpoint = true\n"
        "provider_installation {\n"
        f"  filesystem_mirror {{\n    path    = {path}\n    include = [{source}]\n  }}\n"
        f"  direct {{\n    exclude = [{source}]\n  }}\n"
        "}\n"
    )


def write_cli_config(target: Path, mirror: Path) -> bool:
    """Write the config atomically; return False when the file already had this content."""
    text = render_cli_config(mirror)
    if target.exists() and target.read_text() == text:
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_suffix(target.suffix + ".tmp")
    temporary.write_text(text)
    temporary.replace(target)
    return True


def main(argv: list[str] | None = None) -> int:
    """Command line: ``--write PATH`` writes the config, ``--print-mirror`` prints the mirror."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", type=Path, help="path of the CLI config file to write")
    parser.add_argument("--print-mirror", action="store_true", help="print the mirror directory and exit")
    parser.add_argument("--mirror", default="", help="the mirror directory (as TF_PROVIDER_MIRROR; default: "
                                                     "known places, then a bounded search)")
    args = parser.parse_args(argv)
    try:
        mirror = find_provider_mirror({"TF_PROVIDER_MIRROR": args.mirror} if args.mirror else {})
    except MirrorNotFound as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    if args.print_mirror or not args.write:
        print(mirror)
        return 0
    changed = write_cli_config(args.write, mirror)
    print(f"{'wrote' if changed else 'kept'} {args.write} (provider mirror: {mirror})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
