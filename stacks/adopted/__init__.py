"""Wiring a module written by ``python -m importer codify`` into a stack.

A user wires a generated module with one line in the stack (its docstring shows the line). The
composition root (``main.py``, setting ``RETAINWISE_ADOPTED``) can instead wire one without a code
change: :func:`wire_adopted` loads the module from a path and resolves each constructor parameter
from the comment lines the generator writes for tools (one per parameter):

- ``# NAME: aws_type.address.attribute (an object outside this module)``: that resource's attribute
  in the stack (an error names a resource the stack lacks);
- ``# NAME: a secret, never in code ...`` (a sensitive argument, or one import cannot read back such
  as a Lambda's ``filename``): the value in ``given``; else, for a string argument, the placeholder
  ``GIVEN_FROM_OUTSIDE`` (never a secret; the module's ``ignore_changes`` keeps what AWS holds, so
  it is never sent to AWS for an adopted object); else (a block, e.g. a Lambda's ``environment``)
  None. This wiring adopts existing objects; to create them elsewhere, wire the module with one line
  and pass the real values (a sensitive variable, a secret store, the code package).
"""

from __future__ import annotations

import importlib.util
import inspect
import re
from pathlib import Path
from typing import Any, Mapping, Optional

from stacks.cdk import TerraformResource
from constructs import Construct

_REFERENCE = re.compile(r"^\s+# (\w+): (aws_\w+)\.(\w+)\.([\w.]+) \(an object outside this module\)$", re.M)
GIVEN_FROM_OUTSIDE = "given-from-outside"
_SECRET = re.compile(r"^\s+# (\w+): a secret, never in code", re.M)
_CALL = re.compile(r"= (\w+)\(\n(.*?)\n {8}\)$", re.M | re.S)  # self.x = Binding(...) in __init__
_KEYWORD = re.compile(r"^ {12}(\w+)=(\w+),$", re.M)  # one argument given a bare name (a parameter)


class AdoptedModuleError(ValueError):
    """The module cannot be wired: no single Construct class, or a parameter names nothing in the stack."""


def _construct_class(module) -> type:
    classes = [value for value in vars(module).values() if inspect.isclass(value) and issubclass(value, Construct)
               and value is not Construct and value.__module__ == module.__name__]
    if len(classes) != 1:
        raise AdoptedModuleError(f"{module.__file__}: expected one Construct subclass, found {len(classes)}")
    return classes[0]


def _attribute(resource: TerraformResource, path: str) -> Any:
    value: Any = resource
    for part in path.split("."):
        value = value.get(int(part)) if part.isdigit() else getattr(value, part)
    return value


def _string_arguments(module, source: str) -> set[str]:
    """The module's parameters passed as a string argument of a binding class (not a block)."""
    names = set()
    for class_name, body in _CALL.findall(source):
        hints = inspect.signature(getattr(module, class_name).__init__).parameters
        names |= {value for argument, value in _KEYWORD.findall(body)
                  if argument in hints and hints[argument].annotation == Optional[str]}
    return names


def parameters(stack: Construct, source: str, given: Mapping[str, Any] | None = None,
               strings: set[str] = frozenset()) -> dict[str, Any]:
    """The keyword arguments of the generated module ``source`` for ``stack`` (``strings``: the secret
    parameters that are string arguments, given the placeholder when not in ``given``)."""
    resources = {f"{c.terraform_resource_type}.{c.friendly_unique_id}": c for c in stack.node.find_all()
                 if isinstance(c, TerraformResource)}
    wiring: dict[str, Any] = {}
    for name, tf_type, address, attribute in _REFERENCE.findall(source):
        resource = resources.get(f"{tf_type}.{address}")
        if resource is None:
            raise AdoptedModuleError(f"parameter {name}: {tf_type}.{address} is not a resource of {stack.node.id}")
        wiring[name] = _attribute(resource, attribute)
    given = dict(given or {})
    for name in _SECRET.findall(source):
        wiring[name] = given.get(name, GIVEN_FROM_OUTSIDE if name in strings else None)
    return wiring


def wire_adopted(stack: Construct, path: Path, construct_id: str = "adopted",
                 given: Mapping[str, Any] | None = None) -> Construct:
    """Load the generated module at ``path`` and add its construct to ``stack`` as ``construct_id``."""
    spec = importlib.util.spec_from_file_location(f"adopted_{path.stem}", path)
    if spec is None or spec.loader is None:
        raise AdoptedModuleError(f"{path}: not a Python module")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    source = path.read_text()
    wiring = parameters(stack, source, given, _string_arguments(module, source))
    return _construct_class(module)(stack, construct_id, **wiring)
