"""ECR: repositories, their lifecycle and repository policies (one GetLifecyclePolicy and one
GetRepositoryPolicy per repository), the registry's scanning configuration and its pull-through cache
rules."""

from importer.specs.base import Call, Reference, ResourceSpec

SPECS = (
    ResourceSpec(
        type="aws_ecr_repository", service="ecr", list=Call("DescribeRepositories", items="repositories[]"),
        import_id="{repositoryName}", identity={"name": "repositoryName"},
        aliases=("repositoryArn", "repositoryUri"),
        references=(Reference("encryption_configuration.kms_key", "aws_kms_key", "encryptionConfiguration.kmsKey"),),
        attributes={"name": "repositoryName", "image_tag_mutability": "imageTagMutability",
                    "image_scanning_configuration.scan_on_push": "imageScanningConfiguration.scanOnPush",
                    "encryption_configuration.encryption_type": "encryptionConfiguration.encryptionType"},
    ),
    ResourceSpec(
        type="aws_ecr_lifecycle_policy", service="ecr", parent="aws_ecr_repository",
        list=Call("GetLifecyclePolicy", items="[@]",
                  params={"repositoryName": "=repositoryName", "registryId": "=registryId"},
                  absent_on=("LifecyclePolicyNotFoundException", "RepositoryNotFoundException")),
        import_id="{repositoryName}", identity={"repository": "repositoryName"},
        references=(Reference("repository", "aws_ecr_repository", "repositoryName"),),
        attributes={"policy": "lifecyclePolicyText"},
    ),
    ResourceSpec(
        type="aws_ecr_repository_policy", service="ecr", parent="aws_ecr_repository",
        list=Call("GetRepositoryPolicy", items="[@]",
                  params={"repositoryName": "=repositoryName", "registryId": "=registryId"},
                  absent_on=("RepositoryPolicyNotFoundException", "RepositoryNotFoundException")),
        import_id="{repositoryName}", identity={"repository": "repositoryName"},
        references=(Reference("repository", "aws_ecr_repository", "repositoryName"),),
        attributes={"repository": "repositoryName", "registry_id": "registryId"},
        note="one GetRepositoryPolicy per repository; the document is not kept",
    ),
    ResourceSpec(
        type="aws_ecr_registry_scanning_configuration", service="ecr",
        list=Call("GetRegistryScanningConfiguration", items="[@]"),
        import_id="{registryId}", identity={"scan_type": "scanningConfiguration.scanType"},
        # Every registry has one: basic scanning with no rules is the default nobody wrote.
        exclude="scanningConfiguration.scanType == 'BASIC' && length(scanningConfiguration.rules || `[]`) == `0`",
        attributes={"registry_id": "registryId", "scan_type": "scanningConfiguration.scanType"},
        note="one per registry; the default (BASIC, no rules) is left out",
    ),
    ResourceSpec(
        type="aws_ecr_pull_through_cache_rule", service="ecr",
        list=Call("DescribePullThroughCacheRules", items="pullThroughCacheRules[]", params={"maxResults": 1000}),
        import_id="{ecrRepositoryPrefix}", identity={"ecr_repository_prefix": "ecrRepositoryPrefix"},
        attributes={"ecr_repository_prefix": "ecrRepositoryPrefix", "upstream_registry_url": "upstreamRegistryUrl"},
    ),
)
