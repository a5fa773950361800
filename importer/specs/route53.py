"""Route 53 (global): hosted zones and their record sets.

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
)
