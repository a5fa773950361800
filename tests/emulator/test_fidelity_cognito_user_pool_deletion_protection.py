"""Cognito answers a user pool's DeletionProtection, INACTIVE unless turned on, as AWS does."""

from __future__ import annotations


def test_user_pool_deletion_protection_defaults_to_inactive_and_keeps_active(clean_emulator):
    cognito = clean_emulator.client("cognito-idp")
    plain = cognito.create_user_pool(PoolName="plain")["UserPool"]["Id"]
    guarded = cognito.create_user_pool(PoolName="guarded", DeletionProtection="ACTIVE")["UserPool"]["Id"]

    assert cognito.describe_user_pool(UserPoolId=plain)["UserPool"]["DeletionProtection"] == "INACTIVE"
    assert cognito.describe_user_pool(UserPoolId=guarded)["UserPool"]["DeletionProtection"] == "ACTIVE"
