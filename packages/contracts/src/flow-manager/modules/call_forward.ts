import { z } from 'zod';
import { defineModule } from './define.js';

/**
 * Kazoo's `callflows.call_forward`, the call-forwarding feature codes: `activate`
 * (`*72`, with the number captured from the pattern or keyed in), `deactivate` (`*73`),
 * `update` (`*56`: a new number), `toggle`, `menu`. It changes the `call_forward` of the calling
 * device's owner, else of the calling device, and says what it did.
 */
export const callForwardModule = defineModule({
  module: 'call_forward',
  description: "Turns the caller's call forwarding on, off or over, or gives it a new number (feature codes).",
  data: z.looseObject({
    /** `toggle` when left out; `menu` offers toggling (1) and a new number (2) by key. */
    action: z.enum(['activate', 'deactivate', 'update', 'toggle', 'menu']).nullable().optional(),
  }),
  examples: [{ data: { action: 'activate' } }, { data: { action: 'deactivate' } }, { data: { action: 'update' } }, { data: { action: 'toggle' } }, { data: { action: 'menu' } }],
});
