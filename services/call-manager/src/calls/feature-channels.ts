import type { customerManager } from '@voxmesh/contracts';
import { parseJson } from '@voxmesh/wire';
import type { CallDevice } from '../contract.js';
import type { EndpointDirectory } from './endpoint-directory.js';
import type { ExtensionTargets, FeatureTarget } from './extension-targets.js';

/** One channel as the media server's `show channels as json` lists it. */
export interface SwitchChannel {
  uuid: string;
  /** `user@realm` of the directory user the channel belongs to (set by the switch's user endpoint). */
  presenceId: string;
  /** RINGING, EARLY, ACTIVE, HELD, … */
  callState: string;
  direction: string;
}

/** Who may use a feature: Kazoo's `approved_device_id`, `approved_user_id`, `approved_group_id`. */
export interface Approval {
  device_id?: string | undefined;
  user_id?: string | undefined;
  group_id?: string | undefined;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The rows of `show channels as json` (`{"row_count":0}` when there are none). */
export function switchChannels(reply: string): SwitchChannel[] {
  let parsed: unknown;
  try {
    parsed = parseJson(reply);
  } catch {
    return [];
  }
  const rows = (parsed as { rows?: unknown }).rows;
  if (!Array.isArray(rows)) return [];
  return rows.map((row: Record<string, unknown>) => ({ uuid: text(row.uuid), presenceId: text(row.presence_id), callState: text(row.callstate), direction: text(row.direction) }));
}

/**
 * Whether a channel belongs to one of the devices: its presence_id is the device's SIP
 * user (at its realm, when the device names one), or it is a call from the device
 * (`deviceOfCall`: the device a call this replica holds came from).
 */
export function belongsTo(channel: SwitchChannel, devices: readonly customerManager.Device[], deviceOfCall: (channelId: string) => string | undefined = () => undefined): boolean {
  const caller = deviceOfCall(channel.uuid);
  if (caller !== undefined && devices.some((device) => device.id === caller)) return true;
  const at = channel.presenceId.lastIndexOf('@');
  const user = (at < 0 ? channel.presenceId : channel.presenceId.slice(0, at)).toLowerCase();
  const realm = at < 0 ? '' : channel.presenceId.slice(at + 1).toLowerCase();
  return devices.some((device) => device.sip.username.toLowerCase() === user && (device.sip.realm === '' || device.sip.realm.toLowerCase() === realm));
}

/**
 * Whether the calling device may use the feature, as Kazoo's feature modules decide it:
 * the first approval field given decides (device, then user, then group); a call from
 * no known device is never approved by one. `required` features (eavesdrop) refuse
 * everyone when no field is given; the others let everyone in.
 */
export async function isApproved(
  endpoints: Pick<EndpointDirectory, 'devices'>,
  accountId: string,
  caller: CallDevice | null,
  approval: Approval | undefined,
  required: boolean,
): Promise<boolean> {
  if (approval?.device_id) return caller?.id === approval.device_id;
  if (approval?.user_id) return caller !== null && caller.user_id !== '' && caller.user_id === approval.user_id;
  if (approval?.group_id) {
    if (!caller) return false;
    const members = await endpoints.devices(accountId, [{ type: 'group', id: approval.group_id }]);
    return members.some((device) => device.id === caller.id);
  }
  return !required;
}

/** The targets with each `extension` replaced by whoever its callflow rings. */
export async function expandTargets(
  extensions: Pick<ExtensionTargets, 'of'>,
  accountId: string,
  targets: readonly { type: FeatureTarget['type'] | 'extension'; id: string }[],
): Promise<FeatureTarget[]> {
  const expanded: FeatureTarget[] = [];
  for (const target of targets) {
    if (target.type === 'extension') expanded.push(...(await extensions.of(accountId, target.id)));
    else if (target.id !== '') expanded.push({ type: target.type, id: target.id });
  }
  return expanded;
}
