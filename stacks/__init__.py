"""CDKTF stacks of the retainwise infrastructure, one per environment from one code base.

Importing this package installs a light stand-in for the top level of
``cdktf_cdktf_provider_aws``: its ``__init__`` imports all ~2,200 resource submodules
(about 6.6 s), while the stacks need about 60. With the stand-in registered, a plain
``from cdktf_cdktf_provider_aws.vpc import Vpc`` loads only that submodule and the shared
jsii assembly; the synthesized JSON is byte-identical. If the full package is already
imported, nothing changes.
"""

from __future__ import annotations

import importlib.util
import sys
import types

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


install_fast_provider_bindings()
