"""Saved Logs Insights queries can be created, updated, listed (by name prefix) and deleted."""

from __future__ import annotations


def test_query_definitions_are_kept_updated_listed_and_deleted(clean_emulator):
    logs = clean_emulator.client("logs")
    errors = logs.put_query_definition(name="app/errors", queryString="fields @message | filter @message like /ERROR/",
                                       logGroupNames=["/app/api"])["queryDefinitionId"]
    other = logs.put_query_definition(name="ops/latency", queryString="stats avg(duration)")["queryDefinitionId"]
    logs.put_query_definition(queryDefinitionId=errors, name="app/errors", queryString="fields @message | limit 5")
    every = logs.describe_query_definitions()["queryDefinitions"]
    assert [(d["name"], d["queryDefinitionId"]) for d in every] == [("app/errors", errors), ("ops/latency", other)]
    assert every[0]["queryString"] == "fields @message | limit 5"
    assert [d["name"] for d in logs.describe_query_definitions(queryDefinitionNamePrefix="ops/")["queryDefinitions"]] \
        == ["ops/latency"]
    assert logs.delete_query_definition(queryDefinitionId=other)["success"] is True
    assert [d["name"] for d in logs.describe_query_definitions()["queryDefinitions"]] == ["app/errors"]
