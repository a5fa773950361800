"""Route 53 (global): hosted zones, their record sets, health checks, query logging configurations and
reusable delegation sets.

Record import IDs are ``ZONEID_NAME_TYPE[_SETIDENTIFIER]`` with the name as the provider compares
it: lower case, no trailing dot, and a leading ``\\052`` (how Route 53 returns a wildcard) as ``*``.
"""

from importer.specs.base import GLOBAL, Call, Reference, ResourceSpec

_ZONE_ID = "trim_prefix(Id, '/hostedzone/')"
# Route 53 escapes a leading wildcard as \052; the provider compares names unescaped and lower case.
RECORD_NAME = (r"trim_suffix(lower(starts_with(Name, '\052') && join('', ['*', trim_prefix(Name, '\052')])"
               r" || Name), '.')")
_SET_SUFFIX = "SetIdentifier && join('', ['_', SetIdentifier]) || ''"
# As the provider keeps alias.name: lower case, no "dualstack." prefix, no trailing dot.
_ALIAS_NAME = "trim_suffix(trim_prefix(lower(AliasTarget.DNSName), 'dualstack.'), '.')"

SPECS = (
    ResourceSpec(
        type="aws_route53_zone", service="route53", scope=GLOBAL, list=Call("ListHostedZones", items="HostedZones[]"),
        fields={"ZoneId": _ZONE_ID}, import_id="{ZoneId}", identity={"name": "trim_suffix(Name, '.')"},
        # Zones another service created (LinkedService, e.g. Cloud Map namespaces) are that service's.
        exclude="LinkedService", aliases=("Id",),
        attributes={"zone_id": _ZONE_ID, "name": "trim_suffix(Name, '.')", "comment": "Config.Comment",
                    "private_zone": "Config.PrivateZone"},
        note="zones with LinkedService belong to that service; private zones' vpc blocks need GetHostedZone "
             "per zone: not read",
    ),
    ResourceSpec(
        type="aws_route53_record", service="route53", scope=GLOBAL, parent="aws_route53_zone",
        list=Call("ListResourceRecordSets", items="ResourceRecordSets[]", params={"HostedZoneId": "=Id"}),
        inherit={"HostedZoneId": _ZONE_ID, "ZoneName": "Name"},
        fields={"RecordName": RECORD_NAME, "SetSuffix": _SET_SUFFIX},
        import_id="{HostedZoneId}_{RecordName}_{Type}{SetSuffix}",
        # The apex NS and SOA records come with the zone.
        exclude="(Type=='NS' || Type=='SOA') && Name==ZoneName",
        identity={"zone_id": "HostedZoneId", "name": RECORD_NAME, "type": "Type", "set_identifier": "SetIdentifier"},
        references=(Reference("zone_id", "aws_route53_zone", "HostedZoneId"),
                    Reference("alias.name", "aws_lb", _ALIAS_NAME)),
        attributes={"name": RECORD_NAME, "type": "Type", "ttl": "TTL", "records": "ResourceRecords[].Value",
                    "set_identifier": "SetIdentifier", "alias.zone_id": "AliasTarget.HostedZoneId"},
        note="the zone's apex NS and SOA records are created with the zone; only a leading \\052 is unescaped",
    ),
    ResourceSpec(
        type="aws_route53_health_check", service="route53", scope=GLOBAL,
        list=Call("ListHealthChecks", items="HealthChecks[]"), import_id="{Id}",
        # Health checks another service made (LinkedService, e.g. Cloud Map) are that service's.
        exclude="LinkedService",
        identity={"type": "HealthCheckConfig.Type", "fqdn": "HealthCheckConfig.FullyQualifiedDomainName",
                  "ip_address": "HealthCheckConfig.IPAddress", "port": "HealthCheckConfig.Port",
                  "resource_path": "HealthCheckConfig.ResourcePath"},
        attributes={"type": "HealthCheckConfig.Type", "fqdn": "HealthCheckConfig.FullyQualifiedDomainName",
                    "port": "HealthCheckConfig.Port", "resource_path": "HealthCheckConfig.ResourcePath",
                    "request_interval": "HealthCheckConfig.RequestInterval",
                    "failure_threshold": "HealthCheckConfig.FailureThreshold"},
        note="health checks have no name: matched on type, target and path; LinkedService ones are excluded",
    ),
    ResourceSpec(
        type="aws_route53_query_log", service="route53", scope=GLOBAL,
        list=Call("ListQueryLoggingConfigs", items="QueryLoggingConfigs[]"), import_id="{Id}",
        identity={"zone_id": "HostedZoneId"},
        references=(Reference("zone_id", "aws_route53_zone", "HostedZoneId"),
                    Reference("cloudwatch_log_group_arn", "aws_cloudwatch_log_group", "CloudWatchLogsLogGroupArn")),
        attributes={"zone_id": "HostedZoneId", "cloudwatch_log_group_arn": "CloudWatchLogsLogGroupArn"},
    ),
    ResourceSpec(
        type="aws_route53_delegation_set", service="route53", scope=GLOBAL,
        list=Call("ListReusableDelegationSets", items="DelegationSets[]"),
        fields={"SetId": "trim_prefix(Id, '/delegationset/')"}, import_id="{SetId}", aliases=("Id",),
        attributes={"name_servers": "NameServers"},
        note="reusable delegation sets have no name: discovered, but code can only be matched to one by hand",
    ),
    ResourceSpec(
        type="aws_route53_zone_association", service="route53", parent="aws_vpc",
        list=Call("ListHostedZonesByVPC", items="HostedZoneSummaries[]",
                  params={"VPCId": "=VpcId", "VPCRegion": "=_region"}),
        inherit={"VpcId": "VpcId"}, import_id="{HostedZoneId}:{VpcId}",
        # Zones another service owns (Cloud Map namespaces' zones) are that service's.
        exclude="Owner.OwningService", identity={"zone_id": "HostedZoneId", "vpc_id": "VpcId"},
        references=(Reference("zone_id", "aws_route53_zone", "HostedZoneId"), Reference("vpc_id", "aws_vpc", "VpcId")),
        attributes={"zone_id": "HostedZoneId", "vpc_id": "VpcId"},
        # A private zone's first VPC is usually its inline vpc block; the others are associations.
        inline_in=("aws_route53_zone", "vpc"),
        note="one ListHostedZonesByVPC per VPC (regional: a VPC is); a zone whose code holds vpc blocks owns them",
    ),
)
