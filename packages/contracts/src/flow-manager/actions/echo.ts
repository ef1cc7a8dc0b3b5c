import { z } from 'zod';
import { durationMs } from './common.js';

/** `echo` (call-manager): echoes the caller's audio back. */
export const echoOption = z.looseObject({
  duration: durationMs.optional(),
});
