"""intake's rewrite of the converter's Python, on a recording of ``cdktf convert --language python``
for tests/fixtures/intake/legacy (tests/fixtures/intake/converted_legacy.py.txt, refreshed by running
the e2e test's intake), and its reading of the folder and of Terraform's module manifest."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from importer.intake.output import MODULES_MARKER, check_output, copy_modules, modules_dir
from importer.intake.project import HclProject, IntakeError, ModuleCall, _module_calls
from importer.intake.rewrite import MARKER, rewrite, snake

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "intake"
CONVERTED = (FIXTURES / "converted_legacy.py.txt").read_text()
QUEUE = ModuleCall("queue", "./modules/queue", None, "modules/queue", ("name", "visibility_timeout"))
PROJECT = HclProject(root=FIXTURES / "legacy", files={}, modules=(QUEUE,))


@pytest.fixture(scope="module")
def result():
    return rewrite(CONVERTED, PROJECT, "LegacyInfra", "legacy_modules", "infra/")


def _class(source: str) -> ast.ClassDef:
    return next(n for n in ast.parse(source).body if isinstance(n, ast.ClassDef))


def test_the_module_is_valid_python_with_one_construct_and_the_prebuilt_bindings(result):
    source = result.source
    assert source.startswith(f'"""{MARKER} infra/')
    assert _class(source).name == "LegacyInfra" and [b.id for b in _class(source).bases] == ["Construct"]
    assert "imports." not in source and "MyConvertedCode" not in source and "cdktf get" not in source
    assert "from cdktf_cdktf_provider_aws.subnet import Subnet" in source
    assert max(len(line) for line in source.splitlines() if not line.lstrip().startswith("#")) <= 120


def test_the_provider_is_dropped_the_stack_has_its_own(result):
    assert "AwsProvider" not in result.source and "skip_credentials_validation" not in result.source
    assert result.dropped == ["AwsProvider (the stack's own provider and backend serve)"]


def test_variables_become_keyword_parameters_feeding_the_terraform_variables(result):
    init = next(n for n in _class(result.source).body if isinstance(n, ast.FunctionDef))
    assert [a.arg for a in init.args.args] == ["self", "scope", "construct_id"]
    assert [a.arg for a in init.args.kwonlyargs] == ["env", "private_cidrs", "queues"]
    assert [ast.unparse(d) for d in init.args.kw_defaults] == ["'legacy'", "('10.40.1.0/24', '10.40.2.0/24')",
                                                                 "('jobs', 'mail')"]  # no mutable defaults
    assert 'env_variable = TerraformVariable(self, "env",\n            default=env,' in result.source
    assert "default=list(queues)" in result.source
    assert [(p.name, p.annotation) for p in result.parameters] == [
        ("env", "str"), ("private_cidrs", "Sequence[Any]"), ("queues", "Sequence[Any]")]


def test_string_templates_become_f_strings_of_string_tokens(result):
    """The converter concatenates str and a variable's ``.value`` (an IResolvable in Python): a
    TypeError at synth. They become f-strings of string tokens."""
    assert '"${" +' not in result.source
    assert 'name=f"{env_variable.string_value}-main"' in result.source
    assert '"Name": f"{env_variable.string_value}-private-{Token.as_string(private_count.index)}"' in result.source


def test_a_local_module_becomes_a_terraform_hcl_module_of_a_shipped_copy(result):
    source = result.source
    assert 'MODULES = Path(__file__).resolve().parent / "legacy_modules"' in source
    assert 'path=str(MODULES / "modules/queue"),' in source
    assert 'TerraformHclModule(self, "queue",\n            source="./" + modules_queue_source.path,' in source
    assert "for_each=TerraformIterator.from_list(queues_variable.value)," in source
    assert '"name": f"{env_variable.string_value}-${{each.key}}"' in source
    assert result.modules == [QUEUE]


def test_a_sensitive_variable_default_is_never_written():
    converted = CONVERTED.replace('default="legacy",\n            description="Prefix of every name",',
                                  'default="hunter2-canary",\n            sensitive=True,')
    result = rewrite(converted, PROJECT, "LegacyInfra", "legacy_modules", "infra/")
    assert "hunter2-canary" not in result.source
    assert [(p.name, p.default, p.sensitive) for p in result.parameters][0] == ("env", None, True)
    assert "env: str," in result.source  # required: given from outside


def test_a_provider_without_prebuilt_bindings_is_one_line():
    converted = CONVERTED.replace("from imports.aws.vpc import Vpc", "from imports.random.id import Id")
    with pytest.raises(IntakeError, match="provider 'random': no prebuilt CDKTF bindings"):
        rewrite(converted, PROJECT, "LegacyInfra", "legacy_modules", "infra/")


def test_output_that_is_not_valid_python_is_one_line():
    with pytest.raises(IntakeError, match="not valid Python"):
        rewrite("class (:\n", PROJECT, "LegacyInfra", "legacy_modules", "infra/")


@pytest.mark.parametrize("name, expected", [("visibilityTimeout", "visibility_timeout"),
                                            ("queue-name", "queue_name"), ("plain", "plain")])
def test_snake_matches_the_converter_spelling(name, expected):
    assert snake(name) == expected


def test_module_manifest_gives_root_calls_and_refuses_modules_outside_the_folder(tmp_path):
    (tmp_path / "modules" / "queue").mkdir(parents=True)
    (tmp_path / "modules" / "queue" / "main.tf").write_text('variable "name" {}\nvariable "b" {\n}\n')
    manifest = {"Modules": [{"Key": "", "Source": "", "Dir": "."},
                            {"Key": "queue", "Source": "./modules/queue", "Dir": "modules/queue"},
                            {"Key": "queue.inner", "Source": "./inner", "Dir": "modules/queue/inner"},
                            {"Key": "vpc", "Source": "registry.terraform.io/terraform-aws-modules/vpc/aws",
                             "Version": "5.1.0", "Dir": ".terraform/modules/vpc"}]}
    calls = _module_calls(tmp_path, manifest)
    assert calls == (ModuleCall("queue", "./modules/queue", None, "modules/queue", ("b", "name")),
                     ModuleCall("vpc", "registry.terraform.io/terraform-aws-modules/vpc/aws", "5.1.0", None, ()))
    outside = {"Modules": [{"Key": "shared", "Source": "../shared", "Dir": "../shared"}]}
    with pytest.raises(IntakeError, match="lies outside"):
        _module_calls(tmp_path, outside)


def test_output_checks_refuse_what_intake_did_not_write(tmp_path):
    check_output(tmp_path / "legacy.py")  # new: fine
    with pytest.raises(IntakeError, match="does not exist"):
        check_output(tmp_path / "missing" / "legacy.py")
    (tmp_path / "mine.py").write_text("print('hand written')\n")
    with pytest.raises(IntakeError, match="intake did not write it"):
        check_output(tmp_path / "mine.py")
    (tmp_path / "ours.py").write_text(f'"""{MARKER} infra/: X"""\n')
    check_output(tmp_path / "ours.py")  # an earlier intake output is regenerated
    (tmp_path / "ours_modules").mkdir()
    with pytest.raises(IntakeError, match="ours_modules exists and intake did not write it"):
        check_output(tmp_path / "ours.py")


def test_local_modules_are_copied_beside_the_output_and_replaced_on_rerun(tmp_path):
    output = tmp_path / "out" / "legacy.py"
    output.parent.mkdir()
    copies = copy_modules(PROJECT, output)
    assert copies == modules_dir(output) and (copies / MODULES_MARKER).is_file()
    assert (copies / "modules" / "queue" / "main.tf").read_text() == (
        FIXTURES / "legacy" / "modules" / "queue" / "main.tf").read_text()
    (copies / "modules" / "queue" / "stale.tf").write_text("")
    copy_modules(PROJECT, output)
    assert not (copies / "modules" / "queue" / "stale.tf").exists()
    check_output(output)  # the copies are intake's own


def test_module_calls_by_block_name_one_asset_per_directory_outputs_and_resource_for_each():
    """tests/fixtures/intake/modules_main.tf.txt, converted: two calls of one module (one with
    for_each), their outputs read by a resource, a resource with for_each. The converter names the
    binding after the source directory (``Queue``) and the construct after the block (``many``, ``q``)."""
    queue = {"source": "./modules/queue", "version": None, "directory": "modules/queue",
             "inputs": ("name", "visibility_timeout")}
    project = HclProject(root=FIXTURES, files={}, modules=(ModuleCall("many", **queue), ModuleCall("q", **queue)))
    result = rewrite((FIXTURES / "converted_modules.py.txt").read_text(), project, "Two", "two_modules", "c2")
    source = result.source
    assert source.count("TerraformAsset(self,") == 1 and source.count('source="./" + modules_queue_source.path') == 2
    assert 'many = TerraformHclModule(self, "many",' in source and 'q = TerraformHclModule(self, "q",' in source
    assert '"visibility_timeout": 40' in source and "for_each=TerraformIterator.from_list(Fn.toset" in source
    assert 'Token.as_string(q.get_string("arn"))' in source and "arn_output" not in source
    assert 'name=f"fe-{Token.as_string(fe_for_each_iterator.key)}"' in source
    assert [m.name for m in result.modules] == ["many", "q"]
    compile(source, "two.py", "exec")


def test_a_module_call_terraform_did_not_resolve_is_one_line():
    with pytest.raises(IntakeError, match="module 'queue' .* that terraform get did not resolve"):
        rewrite(CONVERTED, HclProject(root=FIXTURES, files={}), "LegacyInfra", "legacy_modules", "infra/")


def test_a_literal_secret_in_the_hcl_is_never_written_it_becomes_a_required_parameter():
    converted = CONVERTED.replace(
        "from imports.aws.ecs_cluster import EcsCluster",
        "from imports.aws.ecs_cluster import EcsCluster\nfrom imports.aws.db_instance import DbInstance").replace(
        '        EcsCluster(self, "main",',
        '        DbInstance(self, "main_db",\n            password="canary-hunter2",\n            username="admin"\n'
        '        )\n        EcsCluster(self, "main",')
    result = rewrite(converted, PROJECT, "LegacyInfra", "legacy_modules", "infra/")
    assert "canary-hunter2" not in result.source
    assert "password=main_db_password," in result.source and 'username="admin"' in result.source
    secret = next(p for p in result.parameters if p.sensitive)
    assert (secret.name, secret.default, secret.variable) == ("main_db_password", None, "aws_db_instance.main_db password")
    assert "main_db_password: str," in result.source and "give it from outside" in result.source
    compile(result.source, "legacy.py", "exec")


def test_a_variable_feeding_a_sensitive_argument_loses_its_default():
    converted = CONVERTED.replace(
        "from imports.aws.ecs_cluster import EcsCluster",
        "from imports.aws.ecs_cluster import EcsCluster\nfrom imports.aws.db_instance import DbInstance").replace(
        'default="legacy",', 'default="canary-in-a-variable",').replace(
        '        EcsCluster(self, "main",',
        '        DbInstance(self, "main_db",\n            password=env.value\n        )\n        EcsCluster(self, "main",')
    result = rewrite(converted, PROJECT, "LegacyInfra", "legacy_modules", "infra/")
    assert "canary-in-a-variable" not in result.source
    env = next(p for p in result.parameters if p.name == "env")
    assert env.default is None and env.sensitive and "read by a sensitive argument" in env.variable
    compile(result.source, "legacy.py", "exec")
