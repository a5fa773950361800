"""ACM certificates (every key type: ListCertificates without Includes returns only RSA_2048 ones)."""

from importer.specs.base import Call, ResourceSpec

_KEY_TYPES = ["RSA_1024", "RSA_2048", "RSA_3072", "RSA_4096", "EC_prime256v1", "EC_secp384r1", "EC_secp521r1"]

SPECS = (
    ResourceSpec(
        type="aws_acm_certificate", service="acm",
        list=Call("ListCertificates", items="CertificateSummaryList[]", params={"Includes": {"keyTypes": _KEY_TYPES}}),
        import_id="{CertificateArn}", identity={"domain_name": "DomainName"},
        # Certificates another AWS service manages (ManagedBy, e.g. CLOUDFRONT) are not the account's own.
        exclude="ManagedBy",
        attributes={"arn": "CertificateArn", "domain_name": "DomainName", "status": "Status", "type": "Type",
                    "key_algorithm": "KeyAlgorithm"},
        note="certificates with ManagedBy belong to the AWS service that manages them",
    ),
)
