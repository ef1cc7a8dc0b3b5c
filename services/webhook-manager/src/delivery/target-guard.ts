import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';

/**
 * SSRF safety: a webhook may point anywhere on the internet but, unless the operator
 * allows it (`-webhook_allow_private`), not into our own networks. Every address a host
 * resolves to must be public, and the connection goes to the address that was checked,
 * so a DNS answer that changes between check and connect (rebinding) gains nothing.
 */
export class TargetRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TargetRefused';
  }
}

const blocked = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this" network
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved and broadcast
] as const) {
  blocked.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96], // NAT64 reaches IPv4 space
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const) {
  blocked.addSubnet(network, prefix, 'ipv6');
}

/** True when the address is private, loopback, link-local or otherwise not on the public internet. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped) return blocked.check(mapped[1]!, 'ipv4');
    return blocked.check(address, 'ipv6');
  }
  return true;
}

export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

export const systemResolver: Resolver = (hostname) =>
  new Promise((resolve, reject) => {
    dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) => (error ? reject(error) : resolve(addresses)));
  });

export interface TargetGuardOptions {
  allowPrivate: boolean;
  resolver?: Resolver;
}

/** Decides whether a URL may be called, and hands the HTTP client the address to connect to. */
export class TargetGuard {
  private readonly resolver: Resolver;

  constructor(private readonly options: TargetGuardOptions) {
    this.resolver = options.resolver ?? systemResolver;
  }

  get allowsPrivate(): boolean {
    return this.options.allowPrivate;
  }

  /** Refuses what can be refused without DNS: a scheme other than http(s), a private literal address, localhost. */
  checkUrl(url: URL): void {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TargetRefused(`scheme ${url.protocol} is not http: or https:`);
    if (this.options.allowPrivate) return;
    const host = bareHost(url.hostname);
    if (isIP(host) !== 0 && isPrivateAddress(host)) throw new TargetRefused(`${host} is a private, loopback or link-local address`);
    if (host === 'localhost' || host.endsWith('.localhost')) throw new TargetRefused(`${host} is a loopback name`);
  }

  /** Resolves the host; refuses it when any of its addresses is private. */
  async resolve(hostname: string): Promise<LookupAddress[]> {
    const host = bareHost(hostname);
    const literal = isIP(host);
    const addresses = literal !== 0 ? [{ address: host, family: literal }] : await this.resolver(host);
    if (addresses.length === 0) throw new Error(`${host} has no address`);
    if (!this.options.allowPrivate) {
      const inside = addresses.find((each) => isPrivateAddress(each.address));
      if (inside) throw new TargetRefused(`${host} resolves to ${inside.address}, a private, loopback or link-local address`);
    }
    return addresses;
  }
}

function bareHost(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname.toLowerCase();
}
