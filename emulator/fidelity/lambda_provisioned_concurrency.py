"""Lambda provisioned concurrency: AWS serves Put/Get/Delete/ListProvisionedConcurrencyConfigs on
``/2019-09-30/functions/<name>/provisioned-concurrency`` for a function's alias or version (not
``$LATEST``), answering ``ProvisionedConcurrencyConfigNotFoundException`` for a qualifier without
one and ``ResourceNotFoundException`` for an unknown function. The emulator had no such route
(HTTP 404 with an HTML page), so neither discovery nor the provider could read it. Here a config is
READY at once with everything requested allocated (AWS takes minutes to get there)."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any

PATH = r"{0}/(?P<api_version>[^/]+)/functions/(?P<function_name>[\w_:%-]+)/provisioned-concurrency/?$"


def apply() -> None:
    """Add the route and its four operations to the emulator's Lambda."""
    from urllib.parse import unquote

    from moto.awslambda import urls
    from moto.awslambda.exceptions import InvalidParameterValueException, LambdaClientError
    from moto.awslambda.responses import LambdaResponse

    class NotFound(LambdaClientError):
        code = 404

        def __init__(self) -> None:
            super().__init__("ProvisionedConcurrencyConfigNotFoundException",
                             "No Provisioned Concurrency Config found for this function")

    class ProvisionedConcurrencyResponse(LambdaResponse):
        @classmethod
        def dispatch(cls, request: Any, full_url: str | None = None, headers: Any = None) -> Any:
            self = cls()
            self.setup_class(request, full_url, headers)
            return self.serve()

        def serve(self) -> Any:
            name = unquote(self.path.rstrip("/").split("/")[-2])
            function = self.backend.get_function(name)  # ResourceNotFoundException when unknown
            configs: dict[tuple[str, str], dict[str, Any]] = self.backend.__dict__.setdefault(
                "provisioned_concurrency", {})
            qualifier = self.querystring.get("Qualifier", [None])[0]
            if self.method == "GET" and self.querystring.get("List"):
                found = [{"FunctionArn": f"{function.function_arn}:{q}", **config}
                         for (fn, q), config in sorted(configs.items()) if fn == function.function_name]
                return 200, {}, json.dumps({"ProvisionedConcurrencyConfigs": found})
            if not qualifier or qualifier == "$LATEST":
                raise InvalidParameterValueException("Provisioned Concurrency needs an alias or a version")
            self.backend.get_function(name, qualifier)  # the alias or version must exist
            key = (function.function_name, qualifier)
            if self.method == "PUT":
                count = int(json.loads(self.body or "{}")["ProvisionedConcurrentExecutions"])
                configs[key] = {"RequestedProvisionedConcurrentExecutions": count,
                                "AvailableProvisionedConcurrentExecutions": count,
                                "AllocatedProvisionedConcurrentExecutions": count, "Status": "READY",
                                "LastModified": datetime.now(timezone.utc).isoformat(timespec="seconds")}
                return 202, {}, json.dumps(configs[key])
            if key not in configs:
                raise NotFound()
            if self.method == "DELETE":
                del configs[key]
                return 204, {}, ""
            return 200, {}, json.dumps(configs[key])

    urls.url_paths[PATH] = ProvisionedConcurrencyResponse.dispatch
