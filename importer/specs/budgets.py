"""Budgets: the account's cost and usage budgets (global; one ``DescribeBudgets`` for the account).

The import ID carries the account ID (``<account>:<budget name>``), which the runner supplies as
``_account``."""

from importer.specs.base import GLOBAL, Call, ResourceSpec

SPECS = (
    ResourceSpec(
        type="aws_budgets_budget", service="budgets", scope=GLOBAL,
        list=Call("DescribeBudgets", items="Budgets[]", params={"AccountId": "=_account", "MaxResults": 100}),
        inherit={"AccountId": "_account"},
        import_id="{AccountId}:{BudgetName}", identity={"name": "BudgetName"},
        attributes={"name": "BudgetName", "budget_type": "BudgetType", "time_unit": "TimeUnit",
                    "limit_amount": "BudgetLimit.Amount", "limit_unit": "BudgetLimit.Unit"},
    ),
)
