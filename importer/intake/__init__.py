"""Intake of a hand-written Terraform (HCL) project: the CDKTF CLI's own converter (``cdktf convert
--language python``) writes the Python, :mod:`importer.intake.rewrite` turns its output into one
Construct subclass the user wires with one line (provider bindings, local modules, variables as
constructor parameters); the project's old state is then adopted by ``plan --state`` (moves)."""

from importer.intake.project import HclProject, IntakeError, read_project

__all__ = ["HclProject", "IntakeError", "read_project"]
