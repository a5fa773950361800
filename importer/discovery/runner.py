"""The one generic discovery routine: every spec is listed the same way.

Specs run level by level (a child type needs its parent's items); within a level every call
runs concurrently on a bounded thread pool, identical calls are made once, and per-item detail
calls run concurrently too. A call that fails marks its spec (and the spec's children)
incomplete; nothing is skipped silently.
"""

from __future__ import annotations

import logging
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from botocore import xform_name
from botocore.exceptions import (
    ClientError,
    EndpointConnectionError,
    NoCredentialsError,
    NoRegionError,
    PartialCredentialsError,
)
from botocore.exceptions import ConnectTimeoutError
from botocore.parsers import ResponseParserError

from importer.discovery.errors import DiscoveryAborted, ReadFailure
from importer.discovery.inventory import Inventory, LiveObject, redact
from importer.discovery.session import ClientFactory
from importer.specs import depth
from importer.specs.base import Call, ResourceSpec
from importer.specs.functions import search

log = logging.getLogger(__name__)
Item = dict[str, Any]
_FATAL = (EndpointConnectionError, ConnectTimeoutError, NoCredentialsError, PartialCredentialsError, NoRegionError)


def _resolve(params: dict[str, Any], context: Item | None) -> dict[str, Any]:
    resolved = {}
    for key, value in params.items():
        if isinstance(value, str) and value.startswith("="):
            resolved[key] = search(value[1:], context or {})
        else:
            resolved[key] = value
    return resolved


class _SpecFailed(Exception):
    def __init__(self, failure: ReadFailure) -> None:
        super().__init__(failure.message)
        self.failure = failure


@dataclass
class DiscoveryRunner:
    """Runs specs against one account and region through guarded clients."""

    clients: ClientFactory
    max_workers: int = 16
    progress: Callable[[str, int, bool], None] | None = None
    # The account ID, for specs whose calls or import IDs need it (``_account``; asked of STS when not given).
    account: str | None = None
    _cache: dict[tuple, Future] = field(default_factory=dict, repr=False)
    _cache_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _excluded: dict[str, set[str]] = field(default_factory=dict, repr=False)

    def run(self, specs: Iterable[ResourceSpec], wanted: set[str] | None = None) -> Inventory:
        """Discover every spec (parents first) and return the inventory of ``wanted`` types."""
        specs = list(specs)
        wanted = wanted or {spec.type for spec in specs}
        for service in sorted({service for spec in specs for service, _ in spec.calls()}):
            self.clients.client(service)  # clients are created here, before any thread starts
        if self.account is None and any(spec.needs_account() for spec in specs):
            self.account = self.clients.client("sts").get_caller_identity()["Account"]
        started = time.perf_counter()
        items: dict[str, list[Item]] = {}
        failures: dict[str, ReadFailure] = {}
        levels = sorted({depth(spec) for spec in specs})
        with ThreadPoolExecutor(max_workers=self.max_workers, thread_name_prefix="discover") as pool:
            for level in levels:
                batch = []
                for spec in (spec for spec in specs if depth(spec) == level):
                    if spec.parent in failures:
                        parent = failures[spec.parent]
                        failures[spec.type] = ReadFailure(parent.service, parent.operation, parent.code,
                                                          f"parent {spec.parent} could not be read", spec.type)
                    else:
                        batch.append(spec)
                self._run_level(pool, batch, items, failures)
        objects = [obj for spec in specs if spec.type in wanted for obj in
                   (self._live_object(spec, item) for item in items.get(spec.type, [])) if not self._follows_excluded(spec, obj)]
        return Inventory(
            region=self.clients.region, objects=objects,
            failures=[f for t, f in failures.items() if t in wanted or any(s.parent == t for s in specs)],
            api_calls=self.clients.counter.total, calls_by_service=dict(self.clients.counter.by_service),
            seconds=time.perf_counter() - started, types=sorted(wanted),
        )

    # -- calls -----------------------------------------------------------------------------------

    def _call(self, spec: ResourceSpec, call: Call, context: Item | None) -> Any:
        """Make (or reuse) one call; returns the full response, or None when the call's
        ``absent_on`` codes say the object does not exist."""
        params = _resolve(dict(call.params), {**self._account_context(), **(context or {})})
        service = call.service or spec.service
        key = (service, call.operation, repr(sorted(params.items())))
        with self._cache_lock:
            future = self._cache.get(key)
            owner = future is None
            if owner:
                future = self._cache[key] = Future()
        if owner:
            try:
                future.set_result(self._invoke(service, call.operation, params))
            except BaseException as error:  # the future carries it to every waiter
                future.set_exception(error)
        try:
            return future.result()
        except ClientError as error:
            code = error.response.get("Error", {}).get("Code", "Unknown")
            if code in call.absent_on:
                return None
            raise _SpecFailed(ReadFailure(service, call.operation, code,
                                          error.response.get("Error", {}).get("Message", str(error)), spec.type))
        except ResponseParserError as error:  # an answer that is not the service's format (a proxy's HTML page)
            raise _SpecFailed(ReadFailure(service, call.operation, "ResponseParserError", str(error)[:300], spec.type))
        except _FATAL as error:
            raise DiscoveryAborted(str(error)) from error

    def _invoke(self, service: str, operation: str, params: dict[str, Any]) -> Any:
        client = self.clients.client(service)
        method = xform_name(operation)
        if client.can_paginate(method):
            return client.get_paginator(method).paginate(**params).build_full_result()
        response = getattr(client, method)(**params)
        response.pop("ResponseMetadata", None)
        return response

    def _account_context(self) -> Item:
        region = self.clients.region if self.clients is not None else None  # None: a runner fed items directly
        return {"_region": region, "_account": self.account}

    # -- items -----------------------------------------------------------------------------------

    def _items_from(self, spec: ResourceSpec, response: Any, parent: Item | None) -> list[Item]:
        if response is None:
            return []
        found = search(spec.list.items, response)
        found = found if isinstance(found, list) else ([] if found is None else [found])
        items = []
        for entry in found:
            item = dict(entry) if isinstance(entry, dict) else {"Value": entry}
            if parent is not None or spec.inherit:  # a top-level spec inherits from the account context
                # A top-level item keeps its own fields (what an exploding spec carries to its children).
                source = parent if parent is not None else {**self._account_context(), **item}
                item.update({name: search(expression, source) for name, expression in spec.inherit.items()})
            items.append(item)
        if spec.explode:
            exploded = []
            for item in items:
                for child in search(spec.explode, item) or []:
                    exploded.append({**{k: search(e, item) for k, e in spec.inherit.items()}, **child})
            items = exploded
        return items

    def _run_level(self, pool: ThreadPoolExecutor, batch: list[ResourceSpec], items: dict[str, list[Item]],
                   failures: dict[str, ReadFailure]) -> None:
        """List every spec of one level: all list calls at once, then all detail calls at once.
        Only single calls run on the pool; this thread only waits, so the pool cannot starve."""
        listed = {
            spec.type: [(parent, pool.submit(self._call, spec, spec.list, parent))
                        for parent in (items.get(spec.parent, []) if spec.parent else [None])]
            for spec in batch
        }
        detailed: dict[str, list[tuple[Item, Future]]] = {}
        for spec in batch:
            try:
                found = [item for parent, future in listed[spec.type]
                         for item in self._items_from(spec, future.result(), parent)]
            except _SpecFailed as failed:
                failures[spec.type] = failed.failure
                continue
            if spec.detail:
                detailed[spec.type] = [(item, pool.submit(self._call, spec, spec.detail, item)) for item in found]
            else:
                items[spec.type] = self._keep(spec, found)
        for spec in batch:
            if spec.type not in detailed:
                continue
            try:
                merged = []
                for item, future in detailed[spec.type]:
                    response = future.result()
                    if response is not None:
                        detail = search(spec.detail.items, response)
                        merged.append({**item, **(detail if isinstance(detail, dict) else {})})
                items[spec.type] = self._keep(spec, merged)
            except _SpecFailed as failed:
                failures[spec.type] = failed.failure
        for spec in batch:
            failure = failures.get(spec.type)
            if failure is not None:
                log.info("discovery %s: incomplete: %s:%s failed (%s)", spec.type, failure.service, failure.operation,
                         failure.code)
            else:
                log.info("discovery %s: %d objects", spec.type, len(items.get(spec.type, [])))
            if self.progress:
                self.progress(spec.type, len(items.get(spec.type, [])), spec.type in failures)

    def _keep(self, spec: ResourceSpec, found: list[Item]) -> list[Item]:
        """Drop the AWS defaults and auto-created objects the spec excludes (remembering their IDs)."""
        if not spec.exclude:
            return found
        kept, excluded = [], self._excluded.setdefault(spec.type, set())
        for item in found:
            if search(spec.exclude, item):
                excluded.add(self._live_object(spec, item).import_id)
            else:
                kept.append(item)
        return kept

    def _follows_excluded(self, spec: ResourceSpec, obj: LiveObject) -> bool:
        targets = {ref.attribute: ref.target for ref in spec.references}
        for attribute in spec.drop_with_excluded:
            value = obj.references.get(attribute)
            if value is not None and value in self._excluded.get(targets[attribute], set()):
                return True
        return False

    @staticmethod
    def _live_object(spec: ResourceSpec, item: Item) -> LiveObject:
        values = {**item, **{name: search(expression, item) for name, expression in spec.fields.items()}}
        try:
            import_id = spec.import_id.format_map(values)
        except KeyError as missing:
            raise ValueError(f"{spec.type}: import ID field {missing} missing from {sorted(values)}") from None
        aliases = tuple(str(alias) for alias in (search(expression, item) for expression in spec.aliases) if alias)
        return LiveObject(
            type=spec.type, import_id=import_id,
            identity={name: search(expression, item) for name, expression in spec.identity.items()},
            references={ref.attribute: search(ref.path, item) for ref in spec.references},
            aliases=aliases,
            attributes=redact(spec.type, {name: search(expression, item) for name, expression in spec.attributes.items()}),
        )
