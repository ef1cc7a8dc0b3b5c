import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { isPrivateAddress } from './private-ranges.js';

/** A customer's URL was refused: it leads somewhere the operator has not allowed. */
export class TargetRefused extends Error {
  readonly code = 'TARGET_REFUSED';

  constructor(message: string) {
    super(message);
    this.name = 'TargetRefused';
  }
}

export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

export const systemResolver: Resolver = (hostname) =>
  new Promise((resolve, reject) => {
    dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) => (error ? reject(error) : resolve(addresses)));
  });

export interface TargetGuardOptions {
  /** Let targets be private, loopback or link-local (development, tests). */
  allowPrivate: boolean;
  /**
   * Let targets be this machine only (127.0.0.0/8, ::1, localhost) while private networks
   * stay closed: a laptop, where the customer's server runs beside the platform.
   */
  allowLoopback?: boolean;
  resolver?: Resolver;
  /** The flag that sets `allowPrivate`, named in refusals so that an operator sees the way out. */
  allowFlag?: string;
}

/**
 * Where a customer's URL (a webhook, a flow's fetch or Pivot) may lead: anywhere on the
 * internet but, unless the operator allows it, not into our own networks.
 *
 * The check runs in two places. `checkUrl` refuses what needs no DNS (another scheme, a
 * private address written in the URL, a localhost name) before a request is made. And
 * `lookup`, the resolver the HTTP client connects with, refuses a name when any of its
 * addresses is private and hands the client the very addresses it checked: a DNS answer
 * that changes between the check and the connection (rebinding) gains nothing, and the
 * check costs no lookup beyond the one the connection makes anyway (a pooled connection,
 * reused, makes none). Neither client follows redirects: a redirect is an answer, and a
 * request to where it points would be a new request, checked the same way.
 */
export class TargetGuard {
  /** For `http.request({ lookup })` or undici's `connect: { lookup }`. */
  readonly lookup: LookupFunction;
  private readonly resolver: Resolver;
  private readonly hint: string;

  constructor(private readonly options: TargetGuardOptions) {
    this.resolver = options.resolver ?? systemResolver;
    this.hint = options.allowFlag === undefined ? '' : ` (${options.allowFlag} allows it)`;
    this.lookup = (hostname, lookupOptions, callback) => {
      this.resolve(hostname).then(
        (addresses) => {
          const family = familyOf(lookupOptions.family);
          const wanted = family === 0 ? addresses : addresses.filter((each) => each.family === family);
          if (lookupOptions.all) {
            callback(null, wanted.length > 0 ? wanted : addresses);
            return;
          }
          const chosen = wanted[0] ?? addresses[0]!;
          callback(null, chosen.address, chosen.family);
        },
        (error: Error) => callback(error as NodeJS.ErrnoException, '', 0),
      );
    };
  }

  get allowsPrivate(): boolean {
    return this.options.allowPrivate;
  }

  /** Refuses what can be refused without DNS: a scheme other than http(s), a private literal address, localhost. */
  checkUrl(url: URL): void {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TargetRefused(`scheme ${url.protocol} is not http: or https:`);
    if (this.options.allowPrivate) return;
    const host = bareHost(url.hostname);
    if (this.options.allowLoopback && isLoopback(host)) return;
    if (isIP(host) !== 0 && isPrivateAddress(host)) throw new TargetRefused(`${host} is a private, loopback or link-local address${this.hint}`);
    if (host === 'localhost' || host.endsWith('.localhost')) throw new TargetRefused(`${host} is a loopback name${this.hint}`);
  }

  /** Resolves the host; refuses it when any of its addresses is private (a name with one inside is not trusted with the rest). */
  async resolve(hostname: string): Promise<LookupAddress[]> {
    const host = bareHost(hostname);
    const literal = isIP(host);
    const addresses = literal !== 0 ? [{ address: host, family: literal }] : await this.resolver(host);
    if (addresses.length === 0) throw new Error(`${host} has no address`);
    if (!this.options.allowPrivate) {
      const inside = addresses.find((each) => isPrivateAddress(each.address) && !(this.options.allowLoopback && isLoopback(each.address)));
      if (inside) throw new TargetRefused(`${host} resolves to ${inside.address}, a private, loopback or link-local address${this.hint}`);
    }
    return addresses;
  }
}

function familyOf(family: number | 'IPv4' | 'IPv6' | undefined): number {
  if (family === 'IPv4' || family === 4) return 4;
  if (family === 'IPv6' || family === 6) return 6;
  return 0;
}

/** A host that can only be this machine. */
function isLoopback(host: string): boolean {
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

function bareHost(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname.toLowerCase();
}
