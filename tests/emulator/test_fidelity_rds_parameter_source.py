"""Modified DB parameters come back with ``Source: user`` and the ``Source`` filter works, as in AWS."""

from __future__ import annotations


def test_modified_parameters_are_user_parameters(clean_emulator):
    rds = clean_emulator.client("rds")
    rds.create_db_parameter_group(DBParameterGroupName="pg16", DBParameterGroupFamily="postgres16",
                                  Description="params")
    rds.modify_db_parameter_group(DBParameterGroupName="pg16", Parameters=[
        {"ParameterName": "log_min_duration_statement", "ParameterValue": "500", "ApplyMethod": "immediate"},
        {"ParameterName": "rds.force_ssl", "ParameterValue": "1", "ApplyMethod": "pending-reboot"},
    ])
    user = rds.describe_db_parameters(DBParameterGroupName="pg16", Source="user")["Parameters"]
    assert {(p["ParameterName"], p["ParameterValue"], p["Source"]) for p in user} == {
        ("log_min_duration_statement", "500", "user"), ("rds.force_ssl", "1", "user")}
    everything = rds.describe_db_parameters(DBParameterGroupName="pg16")["Parameters"]
    assert {p["ParameterName"] for p in everything} >= {"log_min_duration_statement", "rds.force_ssl"}
    assert rds.describe_db_parameters(DBParameterGroupName="pg16", Source="system")["Parameters"] == []


def test_unknown_group_is_still_an_error(clean_emulator):
    rds = clean_emulator.client("rds")
    try:
        rds.describe_db_parameters(DBParameterGroupName="missing")
    except rds.exceptions.DBParameterGroupNotFoundFault:
        return
    raise AssertionError("describe_db_parameters on a missing group did not fail")
