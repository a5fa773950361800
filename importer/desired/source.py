"""Where a configuration comes from and how it is read: a flat Terraform JSON file (a CDKTF stack
or hand-written JSON) is read directly; anything Terraform must evaluate first (a directory of
``.tf``/``.tf.json`` files, modules, ``count``/``for_each``, variables, locals, values built from
data sources or variables, or var files given) is evaluated by the real Terraform
(:mod:`importer.desired.evaluated`). The direct path costs milliseconds, an evaluation a Terraform
plan, so the direct path is kept for what it reads exactly (``make bench`` measures both)."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, Iterable, Mapping

from importer.desired.config import ConfigError, DesiredConfig, default_aws_provider, load_config
from importer.desired.evaluated import evaluate, source_facts
from importer.desired.sandbox import referenced_outside

_EVALUATED_BLOCKS = ("module", "variable", "locals")
_META_ARGUMENTS = ("count", "for_each")
_UNREADABLE_REFERENCE = re.compile(r"\$\{[^}]*\b(?:data|var|local|module|each|count|path)\.")
_SKIPPED_DIRECTORIES = {".terraform", ".git", "node_modules"}
_HASHED_SUFFIXES = (".tf", ".tf.json", ".tfvars", ".tfvars.json")
_HCL_PROVIDER = re.compile(r'(?ms)^\s*provider\s+"aws"\s*\{(.*?)^\}')
_HCL_REGION = re.compile(r'(?m)^\s*region\s*=\s*"([^"$]*)"')
_HCL_ACCOUNTS = re.compile(r'(?m)^\s*(allowed_account_ids|forbidden_account_ids)\s*=\s*\[([^\]]*)\]')


def _is_document(value: str) -> bool:
    return value.lstrip()[:1] in ("{", "[")


def _unreadable(body: Any) -> bool:
    """A value the direct reader cannot know: a reference to a data source, variable, local,
    module, ``each``/``count`` or ``path`` outside a JSON document (policy documents are compared
    as documents, never used as identity)."""
    if isinstance(body, str):
        return not _is_document(body) and bool(_UNREADABLE_REFERENCE.search(body))
    if isinstance(body, Mapping):
        return any(_unreadable(value) for key, value in body.items() if key not in ("//", "depends_on", "lifecycle"))
    if isinstance(body, list):
        return any(_unreadable(value) for value in body)
    return False


def needs_evaluation(document: Mapping[str, Any]) -> bool:
    """True when a Terraform JSON document needs Terraform to tell its instances and values."""
    if any(document.get(block) for block in _EVALUATED_BLOCKS):
        return True
    resources = document.get("resource") or {}
    bodies = [body for instances in resources.values() if isinstance(instances, Mapping)
              for body in instances.values() if isinstance(body, Mapping)] if isinstance(resources, Mapping) else []
    return any(any(argument in body for argument in _META_ARGUMENTS) or _unreadable(body) for body in bodies)


@dataclass(frozen=True)
class ConfigInput:
    """A configuration as the user gives it: ``path`` (a ``.tf.json`` file or a directory), with the
    var files and ``-var`` values Terraform takes for it."""

    path: Path
    var_files: tuple[Path, ...] = ()
    variables: tuple[tuple[str, str], ...] = ()

    @property
    def directory(self) -> Path:
        """The configuration's directory: where relative backends and ``path.cwd`` start."""
        return self.path if self.path.is_dir() else self.path.parent

    @cached_property
    def document(self) -> dict[str, Any] | None:
        """The parsed JSON of a file configuration (None for a directory); ConfigError when unusable."""
        if self.path.is_dir():
            return None
        load_config(self.path)  # the one reader checks the shape and names the file
        return json.loads(self.path.read_text())

    @cached_property
    def evaluated(self) -> bool:
        """True when Terraform evaluates this configuration (else it is read directly)."""
        return self.path.is_dir() or bool(self.var_files or self.variables) or needs_evaluation(self.document or {})

    def check(self) -> None:
        """ConfigError (one line naming the path) when the configuration cannot be read at all."""
        if not self.path.exists():
            raise ConfigError(f"{self.path}: no such file or directory")
        if self.path.is_dir():
            if not any(f.name.endswith((".tf", ".tf.json")) for f in self.path.iterdir() if f.is_file()):
                raise ConfigError(f"{self.path}: no .tf or .tf.json files in this directory")
            source_facts(self.path)  # JSON files must parse
        elif self.path.name.endswith(".tf"):
            raise ConfigError(f"{self.path}: an HCL file is read with its directory: give --config {self.directory}")
        else:
            self.document  # noqa: B018 - parsing is the check
        for var_file in self.var_files:
            if not var_file.is_file():
                raise ConfigError(f"{var_file}: no such var file")

    def backend(self) -> dict[str, Any]:
        """The configured backend ({type: literal arguments}; {} when none)."""
        return source_facts(self.path)[0] if self.evaluated else dict(load_config(self.path).backend)

    def provider_document(self) -> dict[str, Any]:
        """A Terraform JSON document with what the configuration pins literally: its default
        ``aws`` provider's region and account IDs, and its backend (for the region checks)."""
        if self.document is not None:
            return {"provider": {"aws": [default_aws_provider(self.document)]},
                    "terraform": self.document.get("terraform") or {}}
        provider: dict[str, Any] = {}
        for file in _config_files(self.path):
            if file.name.endswith(".json"):
                provider = default_aws_provider(json.loads(file.read_text())) or provider
                continue
            for block in _HCL_PROVIDER.findall(file.read_text(errors="replace")):
                if "alias" in block:
                    continue
                region = _HCL_REGION.search(block)
                provider = {"region": region.group(1)} if region else {}
                for name, items in _HCL_ACCOUNTS.findall(block):
                    provider[name] = re.findall(r'"([^"]+)"', items)
        return {"provider": {"aws": [provider]}, "terraform": {"backend": self.backend()}}

    def read(self, workdir: Path, environ: Mapping[str, str]) -> DesiredConfig:
        """The desired instances: read directly, or evaluated by Terraform in ``workdir``."""
        if not self.evaluated:
            return load_config(self.path)
        return evaluate(self.path, var_files=self.var_files, variables=dict(self.variables), workdir=workdir,
                        environ=environ)

    def digest(self) -> str:
        """SHA-256 of everything that changes a plan (to notice a change between verify and apply).
        A direct file: its document (see :func:`importer.verify.batch_config.config_digest`); an
        evaluated one: every configuration and variables file it reaches (its directory and local
        modules, those outside it that it names), the var files and ``-var`` values. Other files
        (a Lambda zip) are not hashed: apply's fresh, gated plan sees what they change."""
        if not self.evaluated:
            from importer.verify.batch_config import config_digest
            return config_digest(self.document or {})
        digest = hashlib.sha256()
        for name, file in self.files():
            digest.update(name.encode() + b"\0" + file.read_bytes() + b"\0")
        for var_file in self.var_files:
            digest.update(b"var-file\0" + var_file.read_bytes() + b"\0")
        digest.update(json.dumps(sorted(self.variables)).encode())
        return digest.hexdigest()

    def files(self) -> list[tuple[str, Path]]:
        """(name, path) of the configuration and variables files an evaluated configuration reads;
        the name is relative to its directory when inside it."""
        directory = self.directory.resolve()
        if not self.path.is_dir():
            return [(self.path.name, self.path.resolve())]
        roots = [directory, *sorted(referenced_outside(directory, _config_files(directory)))]
        found = []
        for root in roots:
            for file in ([root] if root.is_file() else _tree(root)):
                found.append((str(file.relative_to(directory)) if file.is_relative_to(directory) else str(file), file))
        return found


def _config_files(path: Path) -> list[Path]:
    path = Path(path).resolve()
    return sorted(f for f in path.iterdir() if f.is_file() and f.name.endswith((".tf", ".tf.json"))) \
        if path.is_dir() else [path]


def _tree(root: Path) -> Iterable[Path]:
    """Every configuration and variables file under ``root``, but in Terraform's working data."""
    for entry in sorted(root.iterdir()):
        if entry.name in _SKIPPED_DIRECTORIES:
            continue
        if entry.is_dir():
            yield from _tree(entry)
        elif entry.is_file() and entry.name.endswith(_HASHED_SUFFIXES):
            yield entry
