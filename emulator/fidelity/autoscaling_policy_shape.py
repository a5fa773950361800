"""Auto Scaling policies answer ``Enabled`` (true unless disabled) and carry a
``PredictiveScalingConfiguration`` only when they are predictive, as in AWS; the emulator left
``Enabled`` out and answered an empty predictive configuration for every policy, so provider 5.100 read
a target tracking policy back as disabled and predictive and planned an update after every import."""

from __future__ import annotations

from typing import Any


def apply() -> None:
    """Wrap the policy's constructor: remember ``Enabled`` (default true), drop an empty predictive block."""
    from moto.autoscaling.models import FakeScalingPolicy
    from moto.autoscaling.responses import AutoScalingResponse

    original_init = FakeScalingPolicy.__init__
    original_put = AutoScalingResponse.put_scaling_policy

    def init(self: Any, *args: Any, **kwargs: Any) -> None:
        original_init(self, *args, **kwargs)
        if not self.predictive_scaling_configuration:
            self.predictive_scaling_configuration = None
        self.__dict__.setdefault("enabled", True)

    def put(self: Any) -> Any:
        response = original_put(self)
        policy = self.autoscaling_backend.policies.get(self._get_param("PolicyName"))
        if policy is not None:
            policy.enabled = str(self._get_param("Enabled", True)).lower() != "false"
        return response

    FakeScalingPolicy.__init__ = init
    AutoScalingResponse.put_scaling_policy = put
