"""No secret value in any synthesized config; emulator settings only when asked for; the Lambda
package is reproducible and the config carries its true hash."""

from __future__ import annotations

import base64
import hashlib
import json
import re

import pytest

from importer.specs.facts import sensitive_attributes
from stacks.config import ENVIRONMENTS
from stacks.functions.packaging import build_function
from stacks.settings import ProviderSettings
from tests.conftest import synthesize
from tests.stacks.test_synth import resources, strings

# The provider marks aws_ssm_parameter.value sensitive for every type; a String parameter is
# plain configuration by definition (SecureString is what carries secrets, and is refused below).
PLAIN_WHEN = {"aws_ssm_parameter": ("type", "String")}
SECRET_LOOKING_NAME = re.compile(r"PASSW|SECRET|TOKEN|PRIVATE|API_?KEY|CREDENTIAL", re.IGNORECASE)
SECRET_LOOKING_VALUE = re.compile(r"AKIA[0-9A-Z]{16}|-----BEGIN|aws_secret_access_key|postgres(ql)?://[^:]+:[^@]+@")


def keyed_values(value, path=""):
    """(dotted key path, value) of every dict entry nested in a JSON value."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield f"{path}.{key}".lstrip("."), key, item
            yield from keyed_values(item, f"{path}.{key}")
    elif isinstance(value, list):
        for item in value:
            yield from keyed_values(item, path)


@pytest.mark.parametrize("env", list(ENVIRONMENTS))
def test_no_sensitive_attribute_holds_a_literal(synthesized, env):
    literals = []
    for type_name, name, body in resources(synthesized[env]):
        sensitive = set(sensitive_attributes(type_name))
        plain_key, plain_value = PLAIN_WHEN.get(type_name, (None, None))
        if plain_key and body.get(plain_key) == plain_value:
            continue
        for path, key, value in keyed_values(body):
            if key in sensitive and not (isinstance(value, str) and value.startswith("${")):
                literals.append(f"{type_name}.{name}: {path}")
    assert literals == []


@pytest.mark.parametrize("env", list(ENVIRONMENTS))
def test_secrets_are_managed_or_referenced_never_written(synthesized, env):
    stack = synthesized[env]
    assert "aws_secretsmanager_secret_version" not in stack["resource"]
    for body in stack["resource"]["aws_db_instance"].values():
        assert "password" not in body and body["manage_master_user_password"] is True
    assert {body["type"] for body in stack["resource"]["aws_ssm_parameter"].values()} == {"String"}
    for body in stack["resource"]["aws_lambda_function"].values():
        assert not [k for k in body["environment"]["variables"] if SECRET_LOOKING_NAME.search(k)]
    for body in stack["resource"]["aws_ecs_task_definition"].values():
        for container in json.loads(body["container_definitions"]):
            assert not [e["name"] for e in container["environment"] if SECRET_LOOKING_NAME.search(e["name"])]
            assert all(s["valueFrom"].startswith("${") for s in container["secrets"])
    assert [text for text in strings(stack) if SECRET_LOOKING_VALUE.search(text)] == []


def test_emulator_settings_appear_only_when_an_endpoint_is_given(synthesized, tmp_path):
    for stack in synthesized.values():
        assert set(stack["provider"]["aws"][0]) == {"region", "default_tags"}
        assert "use_path_style" not in stack["terraform"]["backend"]["s3"]
    emulated = synthesize(tmp_path, ProviderSettings(endpoint_url="http://127.0.0.1:5000"))
    for env, stack in emulated.items():
        provider = stack["provider"]["aws"][0]
        assert provider["skip_credentials_validation"] is True
        # The account ID is requested (the emulator answers STS) so same-account SG references read back plain.
        assert "skip_requesting_account_id" not in provider
        assert provider["s3_use_path_style"] is True and provider["max_retries"] <= 3
        backend = stack["terraform"]["backend"]["s3"]
        assert backend["use_path_style"] is True and backend["skip_credentials_validation"] is True
        # Only provider and backend differ: the resources are the same as for real AWS.
        assert stack["resource"] == synthesized[env]["resource"]


def test_provider_settings_read_the_standard_endpoint_variable():
    assert ProviderSettings.from_environ({}).uses_emulator is False
    assert ProviderSettings.from_environ({"AWS_ENDPOINT_URL": ""}).uses_emulator is False
    assert ProviderSettings.from_environ({"AWS_ENDPOINT_URL": "http://127.0.0.1:4566"}).endpoint_url == \
        "http://127.0.0.1:4566"


def test_lambda_package_is_byte_reproducible(tmp_path):
    source = tmp_path / "fn"
    source.mkdir()
    (source / "handler.py").write_text("def handler(event, context):\n    return 1\n")
    first = build_function("fn", tmp_path)
    (source / "handler.py").touch()
    assert build_function("fn", tmp_path).content == first.content
    (source / "handler.py").write_text("def handler(event, context):\n    return 2\n")
    assert build_function("fn", tmp_path).code_sha256 != first.code_sha256
    with pytest.raises(FileNotFoundError):
        build_function("missing", tmp_path)


def test_synthesized_lambda_hash_is_the_hash_of_its_asset(synth_dir, synthesized):
    for env, stack in synthesized.items():
        for body in stack["resource"]["aws_lambda_function"].values():
            archive = synth_dir / "stacks" / env / body["filename"]
            digest = base64.b64encode(hashlib.sha256(archive.read_bytes()).digest()).decode()
            assert body["source_code_hash"] == digest
