"""Extra JMESPath functions for specs: the small string operations import IDs need."""

from __future__ import annotations

import jmespath
from jmespath import functions


class SpecFunctions(functions.Functions):
    """``trim_suffix``, ``trim_prefix``, ``split_part``, ``tag``, ``from_json``, ``lower``, ``each_child``."""

    @functions.signature({"types": ["string", "null"]}, {"types": ["string"]})
    def _func_trim_suffix(self, value, suffix):
        if value is None:
            return None
        return value[: -len(suffix)] if suffix and value.endswith(suffix) else value

    @functions.signature({"types": ["string", "null"]}, {"types": ["string"]})
    def _func_trim_prefix(self, value, prefix):
        if value is None:
            return None
        return value[len(prefix):] if value.startswith(prefix) else value

    @functions.signature({"types": ["string", "null"]}, {"types": ["string"]}, {"types": ["number"]})
    def _func_split_part(self, value, separator, index):
        if value is None:
            return None
        parts = value.split(separator)
        index = int(index)
        return parts[index] if -len(parts) <= index < len(parts) else None

    @functions.signature({"types": ["array", "object", "null"]}, {"types": ["string"]})
    def _func_tag(self, tags, key):
        """Value of tag ``key`` from a ``[{Key, Value}]`` list or a ``{key: value}`` map."""
        if isinstance(tags, dict):
            return tags.get(key)
        for tag in tags or []:
            if isinstance(tag, dict) and (tag.get("Key", tag.get("key")) == key):
                return tag.get("Value", tag.get("value"))
        return None

    @functions.signature({"types": ["string", "null"]})
    def _func_from_json(self, value):
        """Parse a JSON document embedded as a string (e.g. a resource policy)."""
        import json

        return json.loads(value) if value else None

    @functions.signature({"types": ["string", "null"]})
    def _func_lower(self, value):
        return value.lower() if isinstance(value, str) else value

    @functions.signature({"types": ["array", "null"]}, {"types": ["expref"]}, {"types": ["expref"]})
    def _func_each_child(self, parents, children, carried):
        """Every child (``children`` of each parent) with the ``carried`` fields of its parent: flattens one
        level of a nested answer without losing the parent's key (an API Gateway method's responses)."""
        flat = []
        for parent in parents or []:
            fields = carried.visit(carried.expression, parent) or {}
            for child in children.visit(children.expression, parent) or []:
                flat.append({**child, **fields} if isinstance(child, dict) else child)
        return flat


OPTIONS = jmespath.Options(custom_functions=SpecFunctions())
_COMPILED: dict[str, jmespath.parser.ParsedResult] = {}


def compile_expression(expression: str):
    """Compile once (cached); raises jmespath.exceptions.ParseError on a bad expression."""
    if expression not in _COMPILED:
        _COMPILED[expression] = jmespath.compile(expression)
    return _COMPILED[expression]


def search(expression: str, data):
    """Evaluate ``expression`` on ``data`` with the spec functions."""
    return compile_expression(expression).search(data, options=OPTIONS)
