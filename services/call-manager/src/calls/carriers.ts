import type { customerManager } from '@voxmesh/contracts';
import type { RpcClient } from '@voxmesh/mesh';
import { formatCallerId, type PresentedCallerId } from './caller-id-format.js';

type Resource = customerManager.Resource;

const PAGE_SIZE = 500;
const TIMEOUT_MS = 2000;
/** Kazoo's default weight_cost. */
const DEFAULT_WEIGHT = 50;

/** One carrier gateway to try, in order. */
export interface CarrierLeg {
  endpoint: string;
  resourceId: string;
  /** The caller ID this carrier is sent, after its formatters. */
  callerId: PresentedCallerId;
}

export interface CarrierRequest {
  accountId: string;
  number: string;
  local: boolean;
  flags: readonly string[];
  bypassE164: boolean;
  /** The caller ID the call presents, before any carrier's formatters. */
  callerId: PresentedCallerId;
}

/**
 * Kazoo's default E.164 converters (system_config/stepswitch): ten North American
 * digits, or eleven starting with 1, become +1…; 011 and 00 become +; anything else
 * is dialled as given.
 */
export function toE164(number: string): string {
  const digits = number.replace(/^\+/, '');
  if (number.startsWith('+')) return number;
  const nanp = /^1?([2-9]\d{9})$/.exec(digits);
  if (nanp) return `+1${nanp[1]}`;
  const international = /^(?:011|00)(\d+)$/.exec(digits);
  if (international) return `+${international[1]}`;
  return number;
}

/**
 * Picks the carriers for a number, as Kazoo's stepswitch does: the account's own
 * (local) or the platform's, enabled, carrying every flag asked for, with a rule that
 * matches the number (a resource without rules matches nothing); cheapest `weight_cost`
 * first, then each enabled gateway in order. The first capture group of the matching
 * rule, when there is one, is the number sent, between the gateway's prefix and suffix.
 * A resource with `cid_rules` takes only a call whose caller-ID number matches one, and
 * each carrier is sent the caller ID through its own formatters.
 */
export class CarrierDirectory {
  constructor(private readonly client: RpcClient<customerManager.CustomerManagerRoutes>) {}

  async legs(request: CarrierRequest): Promise<CarrierLeg[]> {
    const number = request.bypassE164 ? request.number : toE164(request.number);
    const resources = (await this.resources(request.local ? request.accountId : 'system'))
      .filter((resource) => resource.enabled !== false && request.flags.every((flag) => resource.flags?.includes(flag)))
      .filter((resource) => resource.cid_rules === undefined || resource.cid_rules.length === 0 || resource.cid_rules.some((rule) => new RegExp(rule).test(request.callerId.number)))
      .map((resource) => ({ resource, sent: matchRules(resource, number) }))
      .filter((match): match is { resource: Resource; sent: string } => match.sent !== undefined)
      .sort((a, b) => (a.resource.weight_cost ?? DEFAULT_WEIGHT) - (b.resource.weight_cost ?? DEFAULT_WEIGHT));
    return resources.flatMap(({ resource, sent }) => {
      const callerId = formatCallerId(request.callerId, resource.formatters);
      return resource.gateways
        .filter((gateway) => gateway.enabled !== false)
        .map((gateway) => ({
          resourceId: resource.id,
          callerId,
          endpoint: `sofia/external/${gateway.prefix ?? ''}${sent}${gateway.suffix ?? ''}@${gateway.server}${gateway.port !== undefined ? `:${gateway.port}` : ''}`,
        }));
    });
  }

  private async resources(scope: string): Promise<Resource[]> {
    const all: Resource[] = [];
    let startKey: string | undefined;
    do {
      const page = await this.client.call('listResources', { params: { scope }, query: { page_size: PAGE_SIZE, ...(startKey ? { start_key: startKey } : {}) } }, { timeoutMs: TIMEOUT_MS });
      all.push(...page.result);
      startKey = page.next_start_key;
    } while (startKey !== undefined);
    return all;
  }
}

function matchRules(resource: Resource, number: string): string | undefined {
  for (const rule of resource.rules ?? []) {
    const match = new RegExp(rule).exec(number);
    if (match) return match[1] ?? number;
  }
  return undefined;
}
