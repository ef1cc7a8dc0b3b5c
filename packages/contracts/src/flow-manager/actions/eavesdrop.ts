import { z } from 'zod';
import { featureApproval, featureTarget } from './common.js';
import { defineAction } from './define.js';

/**
 * `eavesdrop`: finds a call of the target's devices on the media server
 * and listens to it (FreeSWITCH's eavesdrop application) until it ends. `whisper` lets
 * the target hear the caller, `full` both parties; while listening, the caller's keys
 * change that (0 listen, 1 the other party, 2 the target, 3 both, * stop). Only callers
 * `approved` may listen: without it nobody may, as Kazoo's module decides. The outcome
 * goes to `voipbin.feature.result`.
 */
export const eavesdropAction = defineAction({
  type: 'eavesdrop',
  runsOn: 'media',
  description: "Listens to (or whispers into) a call of a device, a user's devices, a group's or an extension's.",
  option: z.looseObject({
    target: featureTarget,
    mode: z.enum(['listen', 'whisper', 'full']).optional(),
    approved: featureApproval.optional(),
  }),
  examples: [
    { target: { type: 'device', id: 'a4b1f2c00000400080000000000000d1' } },
    { target: { type: 'user', id: 'a4b1f2c00000400080000000000000a1' }, mode: 'whisper', approved: { group_id: 'a4b1f2c00000400080000000000000b1' } },
    { target: { type: 'extension', id: '${capture_group}' }, approved: { device_id: 'a4b1f2c00000400080000000000000d2' } },
  ],
});
