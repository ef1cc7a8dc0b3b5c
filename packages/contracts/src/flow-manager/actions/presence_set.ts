import { z } from 'zod';
import { defineAction } from './define.js';

/**
 * `presence_set`: Kazoo's manual presence. The media server is told that `presence_id`
 * (`user@realm`) is idle, ringing or busy, as a PRESENCE_IN event, so phones watching
 * that line (busy lamp fields) light up; an event carries it to websockets and webhooks.
 */
export const presenceSetAction = defineAction({
  type: 'presence_set',
  runsOn: 'media',
  description: 'Sets the presence of a user@realm (idle, ringing or busy) on the media server.',
  option: z.looseObject({
    presence_id: z.string().min(1).max(255).regex(/^[^\s@]+(@[^\s@]+)?$/, 'a name or name@realm'),
    status: z.enum(['idle', 'ringing', 'busy']),
  }),
  examples: [{ presence_id: 'frontdesk@example.com', status: 'busy' }],
});
