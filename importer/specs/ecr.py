"""ECR: repositories and their lifecycle policies (one GetLifecyclePolicy per repository)."""

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
)
