"""The obs group's specs on stubbed answers: the account ID in budgets' import IDs, and the AWS-made
or default objects each spec leaves out (registry scanning defaults, domains without DKIM, rotation off)."""

from __future__ import annotations

from types import SimpleNamespace

from importer.discovery.runner import DiscoveryRunner
from importer.specs import registry
from importer.specs.functions import search

SPECS = registry()


def _objects(type_name: str, response: dict, parent: dict | None = None, account: str = "111122223333"):
    spec = SPECS[type_name]
    runner = DiscoveryRunner(clients=SimpleNamespace(region="eu-west-1"), account=account)
    items = runner._items_from(spec, response, parent)
    kept = [item for item in items if not (spec.exclude and search(spec.exclude, item))]
    return [runner._live_object(spec, item) for item in kept]


def test_a_budget_is_imported_as_account_colon_name_with_the_runs_account():
    [budget] = _objects("aws_budgets_budget", {"Budgets": [{"BudgetName": "monthly", "BudgetType": "COST"}]})
    assert budget.import_id == "111122223333:monthly" and budget.identity == {"name": "monthly"}
    assert SPECS["aws_budgets_budget"].list.params["AccountId"] == "=_account"


def test_the_default_registry_scanning_configuration_is_left_out_and_a_written_one_kept():
    default = {"registryId": "111122223333", "scanningConfiguration": {"scanType": "BASIC", "rules": []}}
    written = {"registryId": "111122223333", "scanningConfiguration": {"scanType": "ENHANCED", "rules": [
        {"scanFrequency": "CONTINUOUS_SCAN", "repositoryFilters": [{"filter": "*", "filterType": "WILDCARD"}]}]}}
    assert _objects("aws_ecr_registry_scanning_configuration", default) == []
    [kept] = _objects("aws_ecr_registry_scanning_configuration", written)
    assert kept.import_id == "111122223333"


def test_dkim_exists_only_for_domains_set_up_for_it():
    answer = {"DkimAttributes": {"mail.example.com": {"DkimEnabled": True, "DkimVerificationStatus": "Success",
                                                      "DkimTokens": ["a", "b", "c"]}}}
    [dkim] = _objects("aws_ses_domain_dkim", answer, parent={"Domain": "mail.example.com"})
    assert dkim.import_id == "mail.example.com"
    off = {"DkimAttributes": {"plain.example.com": {"DkimEnabled": False, "DkimVerificationStatus": "NotStarted"}}}
    assert _objects("aws_ses_domain_dkim", off, parent={"Domain": "plain.example.com"}) == []


def test_rotation_exists_only_when_enabled_and_never_for_secrets_another_service_owns():
    arn = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:db-AbCdEf"
    answer = {"SecretList": [
        {"ARN": arn, "Name": "db", "RotationEnabled": True, "RotationLambdaARN": "arn:aws:lambda:eu-west-1:1:function:r"},
        {"ARN": arn + "x", "Name": "plain", "RotationEnabled": False},
        {"ARN": arn + "y", "Name": "rds!db-1", "RotationEnabled": True, "OwningService": "rds"}]}
    assert [o.import_id for o in _objects("aws_secretsmanager_secret_rotation", answer)] == [arn]


def test_filters_are_imported_with_the_providers_separators():
    [metric] = _objects("aws_cloudwatch_log_metric_filter",
                        {"metricFilters": [{"filterName": "errors", "logGroupName": "/app/api"}]})
    [subscription] = _objects("aws_cloudwatch_log_subscription_filter",
                              {"subscriptionFilters": [{"filterName": "ship", "logGroupName": "/app/api"}]},
                              parent={"logGroupName": "/app/api"})
    assert (metric.import_id, subscription.import_id) == ("/app/api:errors", "/app/api|ship")


def test_a_saved_query_is_imported_by_its_arn_in_the_runs_region_and_account():
    [query] = _objects("aws_cloudwatch_query_definition", {"queryDefinitions": [
        {"queryDefinitionId": "269951d7", "name": "errors", "queryString": "fields @message", "logGroupNames": ["/a"]}]})
    assert query.import_id == "arn:aws:logs:eu-west-1:111122223333:query-definition:269951d7"
    assert query.references == {"log_group_names": ["/a"]}
