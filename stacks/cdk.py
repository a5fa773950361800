"""The CDK core names the stacks use, from the backend :mod:`stacks` selected (``RETAINWISE_CDK``).

``cdktf`` (CDKTF 0.21, archived upstream) and ``cdktn`` (CDK Terrain, its continuation) expose the
same classes at the same paths. This is a plain conditional import: type checkers and IDEs read
the ``TYPE_CHECKING`` branch (cdktf, the project's locked backend), Python the branch of the
selected backend. ``constructs`` is the same package under both and is imported directly.
Provider classes come from :mod:`stacks.aws`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from stacks import CDK_BACKEND

__all__ = ["CDK_BACKEND", "App", "AssetType", "Fn", "S3Backend", "TerraformAsset", "TerraformResource",
           "TerraformStack", "Token"]

if TYPE_CHECKING:
    from cdktf import App, AssetType, Fn, S3Backend, TerraformAsset, TerraformResource, TerraformStack, Token
elif CDK_BACKEND == "cdktn":
    from cdktn import App, AssetType, Fn, S3Backend, TerraformAsset, TerraformResource, TerraformStack, Token
else:
    from cdktf import App, AssetType, Fn, S3Backend, TerraformAsset, TerraformResource, TerraformStack, Token
