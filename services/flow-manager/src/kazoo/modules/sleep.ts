import { optionalNumber, optionalString } from '../data.js';
import type { ModuleCompiler, ModuleContext } from '../types.js';

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** `sleep`: waits `data.duration` in `data.unit` (s by default). */
export const sleep: ModuleCompiler = {
  routesChildren: false,
  compile(context: ModuleContext) {
    const unit = optionalString(context, 'unit') ?? 's';
    const scale = UNITS[unit];
    if (scale === undefined) context.invalid('unit', 'must be ms, s, m or h');
    const duration = optionalNumber(context, 'duration', 0, 86_400_000) ?? 0;
    return context.emit('sleep', { duration: Math.max(1, Math.round(duration * scale)) });
  },
};
