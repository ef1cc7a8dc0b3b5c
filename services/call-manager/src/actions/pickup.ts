import { belongsTo, expandTargets, isApproved, switchChannels, type SwitchChannel } from '../calls/feature-channels.js';
import { FEATURE_RESULT, featureFailed } from './eavesdrop.js';
import type { ActionHandler, ActionRun } from './types.js';

/** How long the taken call may take to be bridged once intercept returned (Kazoo waits 10 s for CHANNEL_BRIDGE). */
const BRIDGE_WAIT_MS = 5000;
const RINGING = new Set(['RINGING', 'EARLY']);

/** The channels a pickup may take: ringing legs to the devices only, or with `unbridged_only` false any of their calls. */
function takeable(channel: SwitchChannel, unbridgedOnly: boolean): boolean {
  if (RINGING.has(channel.callState)) return channel.direction === 'outbound';
  return !unbridgedOnly && (channel.callState === 'ACTIVE' || channel.callState === 'HELD');
}

function bridged(run: ActionRun<'pickup'>): boolean {
  const held = run.deps.registry.byChannelId(run.live.call.channel_id);
  return held !== undefined && held.leg.channel.bridged_to !== '';
}

/**
 * `pickup` (cf_group_pickup, cf_intercept): finds a call at the targets' devices on the
 * media server (`show channels`, by the devices' SIP users), ringing ones first, and
 * takes it with FreeSWITCH's `intercept -bleg`: the caller ringing that device is
 * bridged to this call and the device stops ringing (a talking device's leg is dropped
 * instead). The action then lasts as long as the call. When nothing could be taken it
 * ends, with the reason in `voipbin.feature.result`.
 */
export const pickup: ActionHandler<'pickup'> = {
  manual: true,
  async start(run) {
    const option = run.action.option;
    const call = run.live.call;
    const unbridgedOnly = option.unbridged_only !== false;
    if (!(await isApproved(run.deps.endpoints, call.account_id, call.device, option.approved, false))) return failed(run, 'NOT_APPROVED');
    const devices = await run.deps.endpoints.devices(call.account_id, await expandTargets(run.deps.extensions, call.account_id, option.targets));
    if (devices.length === 0) return failed(run, 'NO_USERS');
    const channels = switchChannels(await run.api('show channels as json')).filter(
      (channel) => channel.uuid !== call.channel_id && takeable(channel, unbridgedOnly) && belongsTo(channel, devices, (id) => run.deps.registry.byChannelId(id)?.call.device?.id),
    );
    const target = channels.find((channel) => RINGING.has(channel.callState)) ?? channels[0];
    if (!target) return failed(run, 'NO_CHANNELS');
    await run.execute('set', `intercept_unbridged_only=${unbridgedOnly}`);
    await run.execute('intercept', `-bleg ${target.uuid}`, {
      onComplete: async () => {
        if (!run.active) return;
        if (bridged(run)) return run.setVariables({ [FEATURE_RESULT]: 'SUCCESS' });
        await run.timeoutAfter(BRIDGE_WAIT_MS);
      },
    });
  },
  async onTimeout(run) {
    if (bridged(run)) return run.setVariables({ [FEATURE_RESULT]: 'SUCCESS' });
    await failed(run, 'NO_CHANNELS');
  },
};

async function failed(run: ActionRun<'pickup'>, result: 'NO_USERS' | 'NO_CHANNELS' | 'NOT_APPROVED'): Promise<void> {
  await featureFailed(run, result);
  await run.complete();
}
