"""The project's Terraform CLI config points at a provider mirror that really holds the provider."""

from __future__ import annotations

from pathlib import Path

import pytest

from importer.terraform.cliconfig import (
    PROVIDER_SOURCE,
    MirrorNotFound,
    find_provider_mirror,
    main,
    render_cli_config,
    write_cli_config,
)


def make_mirror(root):
    binary = root / PROVIDER_SOURCE / "5.100.0" / "linux_amd64" / "terraform-provider-aws_v5.100.0_x5"
    binary.parent.mkdir(parents=True)
    binary.write_bytes(b"\x7fELF")
    return root


def test_explicit_mirror_is_used_when_it_holds_the_provider(tmp_path):
    mirror = make_mirror(tmp_path / "mirror")
    assert find_provider_mirror({"TF_PROVIDER_MIRROR": str(mirror)}) == mirror


def test_explicit_mirror_without_the_provider_is_an_error_not_a_fallback(tmp_path):
    (tmp_path / "empty" / PROVIDER_SOURCE).mkdir(parents=True)
    with pytest.raises(MirrorNotFound, match="holds no"):
        find_provider_mirror({"TF_PROVIDER_MIRROR": str(tmp_path / "empty")})


def test_config_routes_only_the_aws_provider_to_the_mirror(tmp_path):
    text = render_cli_config(tmp_path)
    assert "disable_checkpoint = true" in text
    assert f'path    = "{tmp_path}"' in text
    assert text.count(f'"{PROVIDER_SOURCE}"') == 2  # included in the mirror, excluded from direct


def test_write_is_idempotent_and_atomic(tmp_path):
    target = tmp_path / "sub" / "terraform.rc"
    assert write_cli_config(target, tmp_path) is True
    assert write_cli_config(target, tmp_path) is False
    assert [p.name for p in target.parent.iterdir()] == ["terraform.rc"]


def test_command_line_reports_a_missing_mirror_in_one_line(tmp_path, capsys):
    # the module reads no environment: `make setup` passes TF_PROVIDER_MIRROR as --mirror
    assert main(["--write", str(tmp_path / "rc"), "--mirror", str(tmp_path)]) == 1
    assert capsys.readouterr().err.startswith("error: TF_PROVIDER_MIRROR=")
    assert not (tmp_path / "rc").exists()


def test_make_setup_passes_tf_provider_mirror_on():
    makefile = (Path(__file__).resolve().parents[2] / "Makefile").read_text()
    assert '-m importer.terraform.cliconfig --write $@ $(if $(TF_PROVIDER_MIRROR),--mirror "$(TF_PROVIDER_MIRROR)")' \
        in makefile
