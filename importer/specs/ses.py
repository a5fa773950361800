"""SES: verified identities (domains and email addresses, one ``ListIdentities`` each), a domain's
Easy DKIM (one ``GetIdentityDkimAttributes`` per domain), and SES v2 configuration sets."""

from importer.specs.base import Call, Reference, ResourceSpec

_DOMAINS = Call("ListIdentities", items="Identities[].{Domain: @}", params={"IdentityType": "Domain", "MaxItems": 1000})

SPECS = (
    ResourceSpec(
        type="aws_ses_domain_identity", service="ses", list=_DOMAINS,
        import_id="{Domain}", identity={"domain": "Domain"}, attributes={"domain": "Domain"},
    ),
    ResourceSpec(
        type="aws_ses_email_identity", service="ses",
        list=Call("ListIdentities", items="Identities[].{Email: @}",
                  params={"IdentityType": "EmailAddress", "MaxItems": 1000}),
        import_id="{Email}", identity={"email": "Email"}, attributes={"email": "Email"},
    ),
    ResourceSpec(
        type="aws_ses_domain_dkim", service="ses", parent="aws_ses_domain_identity",
        list=Call("GetIdentityDkimAttributes", items="DkimAttributes.*", params={"Identities": "=[Domain]"}),
        inherit={"Domain": "Domain"},
        import_id="{Domain}", exclude="!DkimEnabled || !DkimTokens", identity={"domain": "Domain"},
        references=(Reference("domain", "aws_ses_domain_identity", "Domain"),),
        attributes={"domain": "Domain"},
        note="one GetIdentityDkimAttributes per domain; exists once Easy DKIM was set up (VerifyDomainDkim)",
    ),
    ResourceSpec(
        type="aws_sesv2_configuration_set", service="sesv2",
        list=Call("ListConfigurationSets", items="ConfigurationSets[].{Name: @}", params={"PageSize": 1000}),
        import_id="{Name}", identity={"configuration_set_name": "Name"},
        attributes={"configuration_set_name": "Name"},
    ),
)
