"""SES v2 ``GetConfigurationSet`` answers ``SendingOptions: {SendingEnabled: <bool>}`` (true unless
sending was paused), and ``ReputationOptions: {ReputationMetricsEnabled: false}`` by default, and leaves out option groups
never set (provider 5.100's ``delivery_options`` is not computed: AWS sends none unless set). The
emulator nested the whole SendingOptions object (or ``{}``) under ``SendingEnabled`` and returned every
group empty, which provider 5.100 cannot decode ("expected Enabled to be of type *bool")."""

from __future__ import annotations

from typing import Any


def apply() -> None:
    """Answer the configuration set's options the way AWS does."""
    from moto.ses.models import ConfigurationSet

    def to_dict_v2(self: Any) -> dict[str, Any]:
        sending = self.enabled
        enabled = sending.get("SendingEnabled", True) if isinstance(sending, dict) else bool(sending)
        answer: dict[str, Any] = {
            "ConfigurationSetName": self.configuration_set_name,
            "SendingOptions": {"SendingEnabled": enabled},
            "ReputationOptions": {"ReputationMetricsEnabled": False, **(self.reputation_options or {})},
            "Tags": self.tags,
        }
        for key, value in (("DeliveryOptions", self.delivery_options), ("TrackingOptions", self.tracking_options),
                           ("SuppressionOptions", self.suppression_options),
                           ("VdmOptions", self.vdm_options)):
            if value:
                answer[key] = value
        return answer

    ConfigurationSet.to_dict_v2 = to_dict_v2
