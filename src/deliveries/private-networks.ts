import { BlockList, isIP } from 'node:net';

/**
 * Addresses a webhook must not reach unless the operator allows it: this machine, the private
 * networks it may sit in, link-local (cloud metadata services answer at 169.254.169.254) and
 * addresses that are no one's. A webhook URL comes from a group owner, and the service would
 * otherwise POST wherever it is told from inside the network (server-side request forgery).
 */
const PRIVATE_NETWORKS: readonly [string, number, 'ipv4' | 'ipv6'][] = [
  ['0.0.0.0', 8, 'ipv4'], // "this network"
  ['10.0.0.0', 8, 'ipv4'],
  ['100.64.0.0', 10, 'ipv4'], // carrier-grade NAT
  ['127.0.0.0', 8, 'ipv4'],
  ['169.254.0.0', 16, 'ipv4'],
  ['172.16.0.0', 12, 'ipv4'],
  ['192.0.0.0', 24, 'ipv4'],
  ['192.168.0.0', 16, 'ipv4'],
  ['198.18.0.0', 15, 'ipv4'], // benchmarking
  ['224.0.0.0', 4, 'ipv4'], // multicast
  ['240.0.0.0', 4, 'ipv4'], // reserved, and the broadcast address
  ['::', 128, 'ipv6'],
  ['::1', 128, 'ipv6'],
  ['fc00::', 7, 'ipv6'], // unique local
  ['fe80::', 10, 'ipv6'], // link-local
  ['ff00::', 8, 'ipv6'], // multicast
];

const blocked = new BlockList();
for (const [network, prefix, family] of PRIVATE_NETWORKS) blocked.addSubnet(network, prefix, family);

/** True for an IP address (v4 or v6, IPv4-mapped v6 included) in a private, local or reserved network. */
export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/^\[(.*)\]$/, '$1');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  if (mapped) return blocked.check(mapped[1], 'ipv4');
  const family = isIP(bare);
  if (family === 0) return false;
  return blocked.check(bare, family === 4 ? 'ipv4' : 'ipv6');
}
