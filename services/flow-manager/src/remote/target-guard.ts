import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/**
 * Where a fetch may go: anywhere on the internet but, unless the operator allows it
 * (`-fetch_allow_private`), not into our own networks (a customer's flow must not reach
 * the broker's management port or a cloud metadata service). The check happens in the
 * resolver the connection uses, so the address checked is the address connected to.
 */
const blocked = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  blocked.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  blocked.addSubnet(network, prefix, 'ipv6');
}

export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    return mapped ? blocked.check(mapped[1]!, 'ipv4') : blocked.check(address, 'ipv6');
  }
  return true;
}

export class TargetRefused extends Error {
  readonly code = 'TARGET_REFUSED';
  constructor(host: string) {
    super(`${host} is a private address (-fetch_allow_private allows it)`);
    this.name = 'TargetRefused';
  }
}

/** A `lookup` for http.request that drops private addresses; undefined when all are allowed. */
export function guardedLookup(allowPrivate: boolean): LookupFunction | undefined {
  if (allowPrivate) return undefined;
  return (hostname, options, callback) => {
    const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : (options.family ?? 0);
    dnsLookup(hostname, { family, all: true, verbatim: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, []);
      const allowed = addresses.filter((entry) => !isPrivateAddress(entry.address));
      if (allowed.length === 0) return callback(new TargetRefused(hostname), []);
      if (options.all) return callback(null, allowed);
      callback(null, allowed[0]!.address, allowed[0]!.family);
    });
  };
}

/** Hosts written as an address are connected to without a lookup, so they are checked here. */
export function refusedLiteral(hostname: string, allowPrivate: boolean): boolean {
  const bare = hostname.replace(/^\[|\]$/g, '');
  return !allowPrivate && isIP(bare) !== 0 && isPrivateAddress(bare);
}
