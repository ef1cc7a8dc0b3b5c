import { belongsTo, expandTargets, isApproved, switchChannels } from '../calls/feature-channels.js';
import type { ActionHandler, ActionRun } from './types.js';

/** Where eavesdrop and pickup leave their outcome. */
export const FEATURE_RESULT = 'voipbin.feature.result';

/** Kazoo's modes as FreeSWITCH's eavesdrop flags: whisper is heard by the target (ED_MUX_WRITE), full by both parties. */
const MODE_VARIABLES = {
  listen: { eavesdrop_whisper_aleg: 'false', eavesdrop_whisper_bleg: 'false' },
  whisper: { eavesdrop_whisper_aleg: 'false', eavesdrop_whisper_bleg: 'true' },
  full: { eavesdrop_whisper_aleg: 'true', eavesdrop_whisper_bleg: 'true' },
} as const;

/** A feature that could not be used: the caller is answered (to hear why) and the outcome noted. */
export async function featureFailed(run: ActionRun<'eavesdrop' | 'pickup'>, result: 'NO_USERS' | 'NO_CHANNELS' | 'NOT_APPROVED'): Promise<void> {
  await run.setVariables({ [FEATURE_RESULT]: result });
  if (!run.live.answered) await run.execute('answer');
}

/**
 * `eavesdrop` (cf_eavesdrop): the caller must be approved (without any approval field
 * nobody is, as Kazoo's module decides). A call of the target's devices that is up on
 * the media server (`show channels`, matched by the devices' SIP users) is listened to
 * with FreeSWITCH's eavesdrop until it ends or the caller presses `*`; the keys 0-3
 * change who hears the caller.
 */
export const eavesdrop: ActionHandler<'eavesdrop'> = {
  async start(run) {
    const option = run.action.option;
    const call = run.live.call;
    if (!(await isApproved(run.deps.endpoints, call.account_id, call.device, option.approved, true))) return featureFailed(run, 'NOT_APPROVED');
    const devices = await run.deps.endpoints.devices(call.account_id, await expandTargets(run.deps.extensions, call.account_id, [option.target]));
    if (devices.length === 0) return featureFailed(run, 'NO_USERS');
    const channels = switchChannels(await run.api('show channels as json')).filter(
      (channel) => channel.uuid !== call.channel_id && channel.callState === 'ACTIVE' && belongsTo(channel, devices, (id) => run.deps.registry.byChannelId(id)?.call.device?.id),
    );
    const target = channels[0];
    if (!target) return featureFailed(run, 'NO_CHANNELS');
    if (!run.live.answered) await run.execute('answer');
    for (const [name, value] of Object.entries(MODE_VARIABLES[option.mode ?? 'listen'])) await run.execute('set', `${name}=${value}`);
    await run.setVariables({ [FEATURE_RESULT]: 'SUCCESS' });
    await run.execute('eavesdrop', target.uuid);
  },
};
