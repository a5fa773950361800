"""Cognito's ListUserPoolClients never carries a client secret; DescribeUserPoolClient does, as in AWS."""

from __future__ import annotations


def test_listed_clients_carry_no_secret(clean_emulator):
    cognito = clean_emulator.client("cognito-idp")
    pool = cognito.create_user_pool(PoolName="pool")["UserPool"]["Id"]
    client = cognito.create_user_pool_client(UserPoolId=pool, ClientName="backend", GenerateSecret=True)[
        "UserPoolClient"]

    assert client["ClientSecret"]
    listed = cognito.list_user_pool_clients(UserPoolId=pool, MaxResults=60)["UserPoolClients"]
    assert listed == [{"ClientId": client["ClientId"], "ClientName": "backend", "UserPoolId": pool}]
    described = cognito.describe_user_pool_client(UserPoolId=pool, ClientId=client["ClientId"])["UserPoolClient"]
    assert described["ClientSecret"] == client["ClientSecret"]
