"""The base of every environment stack: AWS provider with default tags, S3 state backend with
native locking, and the caller identity."""

from __future__ import annotations

from stacks.cdk import S3Backend, TerraformStack
from constructs import Construct
from stacks.aws import DataAwsCallerIdentity, AwsProvider, AwsProviderDefaultTags

from stacks.config import EnvironmentConfig
from stacks.settings import ProviderSettings

# The prebuilt bindings target provider 6.x; the stacks use only arguments that 5.x also has,
# so any provider from 5.100 on works (the local mirror carries 5.100.0).
AWS_PROVIDER_CONSTRAINT = ">= 5.100.0, < 7.0.0"


class EnvironmentStack(TerraformStack):
    """A stack bound to one environment: named after it, with its own state object."""

    def __init__(self, scope: Construct, config: EnvironmentConfig, settings: ProviderSettings) -> None:
        super().__init__(scope, config.name)
        self.config = config
        AwsProvider(
            self, "aws", region=config.region, default_tags=[AwsProviderDefaultTags(tags=config.default_tags)],
            **settings.provider_arguments(),
        )
        self.add_override("terraform.required_providers.aws", {"source": "hashicorp/aws", "version": AWS_PROVIDER_CONSTRAINT})
        backend = S3Backend(
            self, bucket=config.state_bucket, key=config.state_key, region=config.region, encrypt=True,
            **settings.backend_arguments(),
        )
        backend.add_override("use_lockfile", True)
        self.caller = DataAwsCallerIdentity(self, "caller")
