"""Where verify and apply run Terraform on one batch of the plan, for either kind of configuration.

- A flat JSON configuration (a CDKTF stack): the batch's configuration is derived from it
  (:func:`importer.verify.batch_config.batch_config`: kept resources, import blocks, moves and
  forgets) and written as ``main.tf.json`` in a scratch directory.
- A configuration Terraform evaluates (a directory, modules, ``count``/``for_each``): the user's
  files are laid out in a sandbox unchanged (:mod:`importer.desired.sandbox`); the batch's import,
  ``moved`` and ``removed`` blocks go in one added file, and the plan is limited with ``-target`` to
  the batch's imports, moves and forgets: Terraform adds what they depend on (earlier batches, in
  state by then: the batches follow Terraform's own graph, see
  :mod:`importer.graph.terraform_graph`) and nothing else is planned or refreshed, so a batch costs
  what it imports, not the whole state. The last batch targets everything kept, so that its apply
  also records the outputs. Terraform allows
  import blocks in the root module to address instances inside modules. The final plan has no
  added file and no target: the whole configuration must plan no changes on its own.

Both run Terraform from the configuration's own directory (``-chdir`` into the scratch one), so
``path.cwd`` is the user's."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Collection, Mapping

from importer.desired.evaluated import terraform_environ, user_directory, write_variables
from importer.desired.sandbox import prepare
from importer.desired.source import ConfigInput
from importer.plan import ImportPlan, PlanError
from importer.terraform.runner import Terraform
from importer.verify.batch_config import batch_config, batch_selection, config_digest, construct_paths

BATCH_FILE = "zzzz_importer_batch.tf.json"


@dataclass
class Workspace:
    """One configuration prepared for batch plans in a scratch directory: ``open`` lays it out,
    ``select`` writes a batch (or the full configuration) and gives the plan's extra arguments."""

    config: ConfigInput
    terraform: Terraform | None = field(default=None, init=False)
    var_arguments: tuple[str, ...] = field(default=(), init=False)
    backend: Mapping[str, Any] | None = field(default=None, init=False)

    @property
    def evaluated(self) -> bool:
        """True when the user's files are used as they are (else a derived JSON configuration)."""
        return self.config.evaluated

    def digest(self) -> str:
        """What verify records and apply compares: the configuration's digest."""
        return self.config.digest()

    def construct_paths(self) -> dict[str, str]:
        """CDKTF construct paths by address, when the configuration carries them."""
        return construct_paths(self.config.document) if self.config.document is not None else {}

    def open(self, workdir: Path, environ: Mapping[str, str], backend: Mapping[str, Any] | None) -> Terraform:
        """Lay out ``workdir``; ``backend`` replaces the configured one (None keeps it)."""
        workdir = Path(workdir).resolve()
        workdir.mkdir(parents=True, exist_ok=True)
        launch = user_directory(self.config.path)
        self.backend = backend
        if self.evaluated:
            var_files = list(self.config.var_files)
            if self.config.variables:
                var_files.append(write_variables(workdir / "cli-variables.tfvars", dict(self.config.variables)))
            sandbox = prepare(self.config.path, workdir / "sandbox", var_files, backend=backend)
            self.var_arguments = tuple(f"-var-file={path}" for path in sandbox.var_files)
            self.terraform = Terraform(sandbox.root, terraform_environ(environ), launch_dir=launch)
        else:
            assets = self.config.directory / "assets"
            if assets.is_dir():
                shutil.copytree(assets, workdir / "assets", dirs_exist_ok=True)
            self.terraform = Terraform(workdir, terraform_environ(environ),
                                       launch_dir=launch if launch.is_dir() else None)
        return self.terraform

    def select(self, plan: ImportPlan, batch: int | None, *, cumulative: bool = False,
               in_state: Collection[str] = ()) -> tuple[str, ...]:
        """Write the configuration of ``batch`` (None: the full configuration); return the extra
        ``terraform plan`` arguments it needs. PlanError when the batch cannot be selected."""
        assert self.terraform is not None, "open() first"
        root = self.terraform.workdir
        if not self.evaluated:
            document = batch_config(self.config.document or {}, plan, batch, self.backend, cumulative=cumulative,
                                    in_state=in_state)
            (root / "main.tf.json").write_text(json.dumps(document, indent=1))
            return ()
        added = root / BATCH_FILE
        if batch is None:
            added.unlink(missing_ok=True)
            return self.var_arguments
        selection = batch_selection(plan, batch, cumulative=cumulative, in_state=in_state)
        blocks: dict[str, Any] = {key: value for key, value in plan.state_blocks().items() if value}
        if selection.imports:
            blocks["import"] = [{"to": planned.address, "id": planned.id} for planned in selection.imports]
        added.write_text(json.dumps(blocks, indent=1) + "\n")
        targets = {planned.address for planned in selection.imports}
        if blocks.get("moved") or blocks.get("removed"):
            targets |= {move.to for move in plan.moved} | {move.from_ for move in plan.moved if move.from_ in in_state}
            targets |= {orphan.address for orphan in plan.forgets if orphan.address in in_state}
        if batch == len(plan.batches) or not targets:
            # the last batch plans everything kept: Terraform then also records the outputs, which a
            # targeted apply leaves out when they read earlier batches (the user's own plan would show them)
            targets |= set(selection.keep) | set(in_state)
        if not targets:
            raise PlanError(f"batch {batch} selects nothing to plan")
        return (*self.var_arguments, *(f"-target={address}" for address in sorted(targets)))


def as_workspace(config: ConfigInput | Mapping[str, Any], stack_dir: Path | None = None) -> Workspace:
    """A workspace for ``config``: a ConfigInput, or an already parsed flat JSON document whose
    files (``assets/``) sit in ``stack_dir``."""
    if isinstance(config, ConfigInput):
        return Workspace(config)
    return Workspace(_ParsedInput(Path(stack_dir or ".") / "cdk.tf.json", document=dict(config)))


class _ParsedInput(ConfigInput):
    """A flat JSON document already in memory (the library entry points take one)."""

    def __init__(self, path: Path, document: dict[str, Any]) -> None:
        super().__init__(path)
        self.__dict__["document"] = document
        self.__dict__["evaluated"] = False

    def digest(self) -> str:
        """The document's digest (it may not exist on disk)."""
        return config_digest(self.document or {})
