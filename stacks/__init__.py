"""CDKTF stacks of the retainwise infrastructure, one per environment from one code base.

Importing this package installs a light stand-in for the top level of
``cdktf_cdktf_provider_aws``: its ``__init__`` imports all ~2,200 resource submodules
(about 6.6 s), while the stacks need about 60. With the stand-in registered, a plain
``from cdktf_cdktf_provider_aws.vpc import Vpc`` loads only that submodule and the shared
jsii assembly; the synthesized JSON is byte-identical. If the full package is already
imported, nothing changes. CDK Terrain's bindings (``cdktn_provider_aws``) load submodules on
demand already, so the stand-in is installed for the cdktf backend only.

The backend: ``RETAINWISE_CDK=cdktf|cdktn`` selects it; unset, whichever is installed (cdktf
first). It is chosen here, once, at import time (the stacks' import lines depend on it), with
:func:`select_backend`; :mod:`stacks.cdk` and :mod:`stacks.aws` import from the chosen packages.
"""

from __future__ import annotations

import importlib.util
import os
import sys
import types
from typing import Callable, Mapping

_BINDINGS = "cdktf_cdktf_provider_aws"


def install_fast_provider_bindings() -> bool:
    """Register the stand-in package; return True if it was installed by this call."""
    if _BINDINGS in sys.modules:
        return False
    spec = importlib.util.find_spec(_BINDINGS)
    if spec is None or not spec.submodule_search_locations:
        return False
    stand_in = types.ModuleType(_BINDINGS)
    stand_in.__path__ = list(spec.submodule_search_locations)
    stand_in.__file__ = spec.origin
    stand_in.__spec__ = spec
    sys.modules[_BINDINGS] = stand_in
    return True


#: backend name -> (core package, AWS provider bindings package)
BACKENDS = {"cdktf": ("cdktf", "cdktf_cdktf_provider_aws"), "cdktn": ("cdktn", "cdktn_provider_aws")}
SETTING = "RETAINWISE_CDK"


def _installed(package: str) -> bool:
    return importlib.util.find_spec(package) is not None


def select_backend(environ: Mapping[str, str], installed: Callable[[str], bool] = _installed) -> str:
    """The backend ``RETAINWISE_CDK`` names, or the first of cdktf, cdktn whose core and bindings are
    installed; SystemExit with one line when the value is unknown or its packages are missing."""
    value = environ.get(SETTING, "").strip()
    if value and value not in BACKENDS:
        raise SystemExit(f"{SETTING}={value!r}: choose one of {', '.join(BACKENDS)} (or leave it unset)")
    for name in [value] if value else list(BACKENDS):
        missing = [package for package in BACKENDS[name] if not installed(package)]
        if not missing:
            return name
        if value:
            raise SystemExit(f"{SETTING}={value}: {', '.join(missing)} not installed in {sys.executable}"
                             + (" (make setup-cdktn, then use .venv-cdktn/bin/python)" if name == "cdktn" else ""))
    raise SystemExit(f"neither cdktf nor cdktn is installed in {sys.executable} (make setup, or make setup-cdktn)")


CDK_BACKEND = select_backend(os.environ)
if CDK_BACKEND == "cdktf":
    install_fast_provider_bindings()
