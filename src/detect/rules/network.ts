/** Network exposure: security groups, network ACLs, gateways, routes and VPCs. */
import type { Condition } from '../schema.js';
import type { RuleInput } from '../schema.js';
import { all, any, f, names, rp } from './helpers.js';

const WORLD = ['0.0.0.0/0', '::/0'];
/** Ports whose exposure to the internet is an incident: SSH, RDP, SMB, WinRM, FTP, Telnet. */
export const ADMIN_PORTS = [22, 3389, 445, 5985, 5986, 21, 23];

// AuthorizeSecurityGroupIngress comes in two shapes: the legacy flat form (cidrIp, fromPort, toPort at the top of
// requestParameters) and the ipPermissions.items list (each with ipRanges / ipv6Ranges items).
const openRange = (cidrPaths: string[]): Condition =>
  any(...cidrPaths.map((p) => f(p, { cidrCovers: WORLD })));
const coversAdminPort = (from: string, to: string, proto: string): Condition =>
  any(
    f(proto, { in: ['-1', 'all'] }),
    ...ADMIN_PORTS.map((p) => all(f(from, { lte: p }), f(to, { gte: p }))),
  );

const openItem = openRange(['ipRanges.items.cidrIp', 'ipv6Ranges.items.cidrIpv6']);
const openFlat = openRange([rp('cidrIp'), rp('cidrIpv6')]);

export const NETWORK_RULES: RuleInput[] = [
  {
    id: 'TS-NET-001',
    title: 'Security group opened to the internet on an administration port',
    severity: 'high',
    why: 'SSH, RDP, SMB, WinRM, FTP and Telnet exposed to 0.0.0.0/0 or ::/0 are scanned within minutes and brute-forced.',
    technique: 'T1562.007',
    description:
      'AuthorizeSecurityGroupIngress allowed inbound traffic from any address (0.0.0.0/0 or ::/0) to port 22, 3389, 445, 5985, 5986, 21 or 23 (or all ports).',
    remediation:
      'Revoke it: `aws ec2 revoke-security-group-ingress --group-id <sg> --protocol tcp --port <port> --cidr 0.0.0.0/0` (console: EC2 > Security Groups > group > Inbound rules); use SSM Session Manager or a VPN instead of open admin ports.',
    tags: ['ec2', 'network'],
    match: all(
      names('AuthorizeSecurityGroupIngress'),
      any(
        f(rp('ipPermissions.items'), {
          some: all(openItem, coversAdminPort('fromPort', 'toPort', 'ipProtocol')),
        }),
        all(openFlat, coversAdminPort(rp('fromPort'), rp('toPort'), rp('ipProtocol'))),
      ),
    ),
    dedupe: [rp('groupId')],
    details: [
      rp('groupId'),
      rp('ipPermissions.items.fromPort'),
      rp('ipPermissions.items.toPort'),
      rp('fromPort'),
      rp('toPort'),
      rp('cidrIp'),
    ],
  },
  {
    id: 'TS-NET-002',
    title: 'Security group opened to the internet',
    severity: 'medium',
    why: 'Any port open to the world widens the attack surface; web ports are often intended, so medium.',
    technique: 'T1562.007',
    description:
      'AuthorizeSecurityGroupIngress allowed inbound traffic from any address (0.0.0.0/0 or ::/0).',
    remediation:
      'Confirm the port must be public; otherwise `aws ec2 revoke-security-group-ingress --group-id <sg> --ip-permissions <json>` (console: EC2 > Security Groups > Inbound rules); prefer a load balancer or CloudFront in front.',
    tags: ['ec2', 'network'],
    match: all(
      names('AuthorizeSecurityGroupIngress'),
      any(f(rp('ipPermissions.items'), { some: openItem }), openFlat),
    ),
    exclude: any(
      f(rp('ipPermissions.items'), {
        some: all(openItem, coversAdminPort('fromPort', 'toPort', 'ipProtocol')),
      }),
      all(openFlat, coversAdminPort(rp('fromPort'), rp('toPort'), rp('ipProtocol'))),
    ),
    dedupe: [rp('groupId')],
    details: [
      rp('groupId'),
      rp('ipPermissions.items.fromPort'),
      rp('ipPermissions.items.toPort'),
      rp('fromPort'),
      rp('toPort'),
    ],
  },
  {
    id: 'TS-NET-003',
    title: 'Network ACL entry allows all inbound traffic from the internet',
    severity: 'medium',
    why: 'Removes a subnet-wide layer of defence; security groups still apply, so medium.',
    technique: 'T1562.007',
    description:
      'CreateNetworkAclEntry or ReplaceNetworkAclEntry added an inbound allow rule for 0.0.0.0/0 or ::/0.',
    remediation:
      'Review: `aws ec2 describe-network-acls --network-acl-ids <acl>`; remove with `aws ec2 delete-network-acl-entry --network-acl-id <acl> --rule-number <n> --ingress` (console: VPC > Network ACLs > Inbound rules).',
    tags: ['vpc', 'network'],
    match: all(
      names('CreateNetworkAclEntry', 'ReplaceNetworkAclEntry'),
      f(rp('ruleAction'), { equals: 'allow' }),
      f(rp('egress'), { equals: false }),
      any(f(rp('cidrBlock'), { cidrCovers: WORLD }), f(rp('ipv6CidrBlock'), { cidrCovers: WORLD })),
    ),
    dedupe: [rp('networkAclId')],
    details: [
      rp('networkAclId'),
      rp('ruleNumber'),
      rp('cidrBlock'),
      rp('portRange.from'),
      rp('portRange.to'),
    ],
  },
  {
    id: 'TS-NET-004',
    title: 'Network ACL changed',
    severity: 'info',
    why: 'Routine network change; listed so reviewers can connect it to exposure findings.',
    technique: 'T1562.007',
    description: 'A network ACL or one of its entries was created, replaced, re-associated or deleted.',
    remediation:
      'Review: `aws ec2 describe-network-acls --network-acl-ids <acl>` (console: VPC > Network ACLs).',
    tags: ['vpc', 'network'],
    match: names(
      'CreateNetworkAcl',
      'CreateNetworkAclEntry',
      'DeleteNetworkAcl',
      'DeleteNetworkAclEntry',
      'ReplaceNetworkAclEntry',
      'ReplaceNetworkAclAssociation',
    ),
    dedupe: [rp('networkAclId')],
    details: [rp('networkAclId'), rp('ruleNumber'), rp('cidrBlock')],
  },
  {
    id: 'TS-NET-005',
    title: 'Internet or customer gateway changed',
    severity: 'low',
    why: 'Gateways decide what reaches the internet; changes are infrequent and worth tying to a change request.',
    technique: 'T1578',
    description: 'An internet, customer or egress-only gateway was created, attached, detached or deleted.',
    remediation:
      'Review: `aws ec2 describe-internet-gateways` and `aws ec2 describe-customer-gateways` (console: VPC > Internet gateways); detach unexpected gateways with `aws ec2 detach-internet-gateway`.',
    tags: ['vpc', 'network'],
    match: names(
      'CreateCustomerGateway',
      'DeleteCustomerGateway',
      'AttachInternetGateway',
      'CreateInternetGateway',
      'DeleteInternetGateway',
      'DetachInternetGateway',
      'CreateEgressOnlyInternetGateway',
      'DeleteEgressOnlyInternetGateway',
    ),
    details: [rp('internetGatewayId'), rp('vpcId')],
  },
  {
    id: 'TS-NET-006',
    title: 'Route table changed',
    severity: 'low',
    why: 'A new route can send traffic through an attacker-controlled path; usually IaC, so low.',
    technique: 'T1578',
    description: 'A route or route table was created, replaced, re-associated or deleted.',
    remediation:
      'Review: `aws ec2 describe-route-tables --route-table-ids <rtb>` (console: VPC > Route tables); revert unexpected routes with `aws ec2 delete-route` / `replace-route`.',
    tags: ['vpc', 'network'],
    match: names(
      'CreateRoute',
      'CreateRouteTable',
      'ReplaceRoute',
      'ReplaceRouteTableAssociation',
      'DeleteRouteTable',
      'DeleteRoute',
      'DisassociateRouteTable',
    ),
    dedupe: [rp('routeTableId')],
    details: [rp('routeTableId'), rp('destinationCidrBlock'), rp('gatewayId')],
  },
  {
    id: 'TS-NET-007',
    title: 'VPC or VPC peering changed',
    severity: 'low',
    why: 'New VPCs, peerings and classic links change what can reach what; usually planned, so low.',
    technique: 'T1578',
    description:
      'A VPC, its attributes, a peering connection or ClassicLink was created, changed or deleted.',
    remediation:
      'Review: `aws ec2 describe-vpcs` and `aws ec2 describe-vpc-peering-connections` (console: VPC > Your VPCs / Peering connections); reject or delete unexpected peerings.',
    tags: ['vpc', 'network'],
    match: names(
      'CreateVpc',
      'DeleteVpc',
      'ModifyVpcAttribute',
      'AcceptVpcPeeringConnection',
      'CreateVpcPeeringConnection',
      'DeleteVpcPeeringConnection',
      'RejectVpcPeeringConnection',
      'AttachClassicLinkVpc',
      'DetachClassicLinkVpc',
      'DisableVpcClassicLink',
      'EnableVpcClassicLink',
    ),
    details: [rp('vpcId'), rp('vpcPeeringConnectionId')],
  },
  {
    id: 'TS-NET-008',
    title: 'Security group rules changed',
    severity: 'info',
    why: 'Everyday change; kept so that reviewers see every firewall change next to the exposure findings.',
    technique: 'T1562.007',
    description:
      'Security group rules were added, changed or revoked, or a group created or deleted (changes opening a group to the internet are reported by TS-NET-001/002 instead).',
    remediation:
      'Review: `aws ec2 describe-security-group-rules --filters Name=group-id,Values=<sg>` (console: EC2 > Security Groups); revert with `aws ec2 revoke-security-group-ingress` / `authorize-security-group-ingress`.',
    tags: ['ec2', 'network'],
    match: names(
      'AuthorizeSecurityGroupIngress',
      'AuthorizeSecurityGroupEgress',
      'RevokeSecurityGroupIngress',
      'RevokeSecurityGroupEgress',
      'ModifySecurityGroupRules',
      'UpdateSecurityGroupRuleDescriptionsIngress',
      'UpdateSecurityGroupRuleDescriptionsEgress',
      'CreateSecurityGroup',
      'DeleteSecurityGroup',
    ),
    exclude: all(
      names('AuthorizeSecurityGroupIngress'),
      any(f(rp('ipPermissions.items'), { some: openItem }), openFlat),
    ),
    dedupe: [rp('groupId')],
    details: [
      rp('groupId'),
      rp('groupName'),
      rp('ipPermissions.items.fromPort'),
      rp('ipPermissions.items.ipRanges.items.cidrIp'),
    ],
  },
];
