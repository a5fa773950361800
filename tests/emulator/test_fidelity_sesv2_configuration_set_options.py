"""SES v2 configuration sets answer their sending, reputation and delivery options as AWS does."""

from __future__ import annotations


def test_a_new_configuration_set_answers_the_aws_defaults(clean_emulator):
    sesv2 = clean_emulator.client("sesv2")
    sesv2.create_configuration_set(ConfigurationSetName="plain")
    sesv2.create_configuration_set(ConfigurationSetName="paused", SendingOptions={"SendingEnabled": False},
                                   DeliveryOptions={"TlsPolicy": "REQUIRE"})
    plain = sesv2.get_configuration_set(ConfigurationSetName="plain")
    assert plain["SendingOptions"] == {"SendingEnabled": True}
    assert plain["ReputationOptions"] == {"ReputationMetricsEnabled": False}
    assert "DeliveryOptions" not in plain and "TrackingOptions" not in plain and "SuppressionOptions" not in plain
    paused = sesv2.get_configuration_set(ConfigurationSetName="paused")
    assert paused["SendingOptions"] == {"SendingEnabled": False} and paused["DeliveryOptions"]["TlsPolicy"] == "REQUIRE"
