"""stacks.adopted: a generated module wired into a stack from its tool-readable comment lines
(references to the stack's resources, secrets as a placeholder or None), and main.py's
RETAINWISE_ADOPTED setting refusing what it cannot wire in one line."""

from __future__ import annotations

import importlib.util

import pytest

from stacks.adopted import GIVEN_FROM_OUTSIDE, AdoptedModuleError, parameters, wire_adopted
from tests.tools import PROJECT_ROOT

# The layout python_emitter writes (one argument per line, 12 spaces; the call closed at 8).
MODULE = '''"""2 live objects of stack test, codified by `python -m importer codify`."""

from __future__ import annotations

from typing import Any

from cdktf import TerraformResourceLifecycle
from constructs import Construct
from cdktf_cdktf_provider_aws.lambda_function import LambdaFunction
from cdktf_cdktf_provider_aws.ssm_parameter import SsmParameter


class AdoptedTest(Construct):
    """2 resources adopted from stack test."""

    def __init__(self, scope: Construct, construct_id: str, *, vpc_id: str, fn_environment: Any,
                 fn_filename: Any, param_value: Any) -> None:
        # vpc_id: aws_vpc.VPC_NAME.id (an object outside this module)
        # fn_environment: a secret, never in code: pass it from a variable or a secret store
        # fn_filename: a secret, never in code: pass it from a variable or a secret store
        # param_value: a secret, never in code: pass it from a variable or a secret store
        super().__init__(scope, construct_id)
        self.seen = {"vpc_id": vpc_id, "fn_environment": fn_environment, "fn_filename": fn_filename,
                     "param_value": param_value}
        self.fn = LambdaFunction(
            self, "fn",
            function_name="legacy",
            role="arn:aws:iam::123456789012:role/x",
            environment=fn_environment,
            filename=fn_filename,
            lifecycle=TerraformResourceLifecycle(ignore_changes=["environment", "filename"]),
        )
        self.param = SsmParameter(
            self, "param",
            name="/x",
            type="SecureString",
            value=param_value,
            lifecycle=TerraformResourceLifecycle(ignore_changes=["value"]),
        )
'''


def _stack(tmp_path):
    from cdktf import App, TerraformStack
    from cdktf_cdktf_provider_aws.vpc import Vpc

    app = App(outdir=str(tmp_path / "out"), skip_validation=True)
    stack = TerraformStack(app, "test")
    vpc = Vpc(stack, "network_vpc", cidr_block="10.0.0.0/16")
    return stack, vpc


def _module(tmp_path, vpc) -> object:
    path = tmp_path / "adopted.py"
    path.write_text(MODULE.replace("VPC_NAME", vpc.friendly_unique_id))
    return path


def test_references_resolve_to_the_stack_and_secrets_to_a_placeholder_or_none(tmp_path):
    stack, vpc = _stack(tmp_path)
    adopted = wire_adopted(stack, _module(tmp_path, vpc))
    assert adopted.node.id == "adopted"
    from cdktf import TerraformOutput

    TerraformOutput(stack, "wired", value=adopted.seen["vpc_id"])
    assert stack.to_terraform()["output"]["wired"]["value"] == "${aws_vpc.network_vpc.id}"
    # a string argument gets the placeholder (ignore_changes keeps AWS's value); a block gets nothing
    assert adopted.seen["fn_filename"] == GIVEN_FROM_OUTSIDE and adopted.seen["param_value"] == GIVEN_FROM_OUTSIDE
    assert adopted.seen["fn_environment"] is None


def test_values_given_from_outside_win(tmp_path):
    stack, vpc = _stack(tmp_path)
    adopted = wire_adopted(stack, _module(tmp_path, vpc), construct_id="legacy",
                           given={"fn_filename": "legacy.zip", "fn_environment": {"variables": {}}})
    assert adopted.seen["fn_filename"] == "legacy.zip" and adopted.seen["fn_environment"] == {"variables": {}}


def test_a_reference_to_a_resource_the_stack_lacks_is_refused(tmp_path):
    stack, _ = _stack(tmp_path)
    with pytest.raises(AdoptedModuleError, match=r"aws_vpc\.other is not a resource of test"):
        parameters(stack, "        # vpc_id: aws_vpc.other.id (an object outside this module)\n")


def _main():
    spec = importlib.util.spec_from_file_location("retainwise_main_adopted", PROJECT_ROOT / "main.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("value, message", [
    ("stagin:{path}", "is not ENV:PATH (ENV one of prod, staging, dev)"),
    ("prod", "is not ENV:PATH"),
    ("prod:{missing}", "not found (write it with python -m importer codify)"),
])
def test_retainwise_adopted_refuses_what_it_cannot_wire(tmp_path, value, message):
    from stacks.config import PROD

    path = tmp_path / "adopted.py"
    path.write_text(MODULE)
    main = _main()
    with pytest.raises(SystemExit) as raised:
        main.adopted_modules(value.format(path=path, missing=tmp_path / "nowhere.py"), [PROD])
    assert message in str(raised.value) and str(raised.value).startswith("RETAINWISE_ADOPTED")


def test_retainwise_adopted_unset_adds_nothing(tmp_path):
    from stacks.config import PROD

    main = _main()
    assert main.adopted_modules(None, [PROD]) == {} and main.adopted_modules("", [PROD]) == {}
    path = tmp_path / "adopted.py"
    path.write_text(MODULE)
    assert main.adopted_modules(f" prod:{path} ", [PROD]) == {"prod": path}
    assert main.adopted_modules(f"staging:{path}", [PROD]) == {}  # an environment not synthesized here: skipped
