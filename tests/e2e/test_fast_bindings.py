"""The light provider bindings change only speed: output is byte-identical to plain CDKTF."""

from __future__ import annotations

import subprocess
import sys

import pytest

from benchmarks.synth import PROJECT_ROOT, same_stacks, synth_once


@pytest.mark.slow  # two synths in new interpreters, one importing all ~2,200 binding submodules
def test_light_and_plain_bindings_synthesize_identical_stacks(tmp_path):
    light = synth_once(tmp_path / "light", full_bindings=False)
    plain = synth_once(tmp_path / "plain", full_bindings=True)
    assert same_stacks(light.outdir, plain.outdir)


def test_stacks_load_only_the_provider_submodules_they_use():
    probe = (
        "import sys, stacks.app; "
        "loaded = [m for m in sys.modules if m.startswith('cdktf_cdktf_provider_aws.') and m.count('.') == 1]; "
        "print(len(loaded))"
    )
    result = subprocess.run([sys.executable, "-c", probe], cwd=PROJECT_ROOT, capture_output=True, text=True,
                            check=True)
    assert 0 < int(result.stdout.strip()) < 100  # of ~2,200 submodules in the package
