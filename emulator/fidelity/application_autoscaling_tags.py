"""Application Auto Scaling has no ``ListTagsForResource``/``TagResource``/``UntagResource``
(HTTP 500, after which provider 5.100 retries for minutes) and ignores ``Tags`` on
``RegisterScalableTarget``."""

from __future__ import annotations

import json
from typing import Any


def apply() -> None:
    """Add the three tagging operations with a per-backend store, and keep registration tags."""
    from moto.applicationautoscaling import models, responses

    backend_class = models.ApplicationAutoscalingBackend
    response_class = responses.ApplicationAutoScalingResponse

    def tags_of(backend: Any) -> dict[str, dict[str, str]]:
        if not hasattr(backend, "resource_tags"):
            backend.resource_tags = {}
        return backend.resource_tags

    def list_tags_for_resource(self: Any) -> str:
        arn = self._get_param("ResourceARN")
        return json.dumps({"Tags": dict(tags_of(self.applicationautoscaling_backend).get(arn, {}))})

    def tag_resource(self: Any) -> str:
        arn = self._get_param("ResourceARN")
        tags_of(self.applicationautoscaling_backend).setdefault(arn, {}).update(self._get_param("Tags") or {})
        return "{}"

    def untag_resource(self: Any) -> str:
        arn = self._get_param("ResourceARN")
        stored = tags_of(self.applicationautoscaling_backend).get(arn, {})
        for key in self._get_param("TagKeys") or []:
            stored.pop(key, None)
        return "{}"

    original_register = response_class.register_scalable_target

    def register_scalable_target(self: Any) -> str:
        body = original_register(self)
        tags = self._get_param("Tags")
        if tags:
            arn = json.loads(body)["ScalableTargetARN"]
            tags_of(self.applicationautoscaling_backend).setdefault(arn, {}).update(tags)
        return body

    original_deregister = backend_class.deregister_scalable_target

    def deregister_scalable_target(self: Any, namespace: str, r_id: str, dimension: str) -> None:
        target = self.targets.get(dimension, {}).get(r_id)
        original_deregister(self, namespace, r_id, dimension)
        if target is not None:
            tags_of(self).pop(target.arn, None)

    response_class.list_tags_for_resource = list_tags_for_resource
    response_class.tag_resource = tag_resource
    response_class.untag_resource = untag_resource
    response_class.register_scalable_target = register_scalable_target
    backend_class.deregister_scalable_target = deregister_scalable_target
