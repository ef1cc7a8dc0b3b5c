import { optionalNumber, requiredString } from '../data.js';
import type { ModuleCompiler, ModuleContext } from '../types.js';

/** `send_dtmf`: sends `digits` on the call, each lasting `duration_ms` when given. */
export const sendDtmf: ModuleCompiler = {
  routesChildren: false,
  compile(context: ModuleContext) {
    const digits = requiredString(context, 'digits');
    if (!/^[0-9*#A-Da-d]+$/.test(digits)) context.invalid('digits', 'must be 0-9, *, # or A-D');
    const option: Record<string, unknown> = { digits };
    const duration = optionalNumber(context, 'duration_ms', 100, 1000);
    if (duration !== undefined) option.duration = Math.round(duration);
    return context.emit('digits_send', option);
  },
};
