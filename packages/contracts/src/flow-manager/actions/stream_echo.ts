import { z } from 'zod';
import { durationMs } from './common.js';

/** `stream_echo` (call-manager): echoes the media stream back. */
export const streamEchoOption = z.looseObject({
  duration: durationMs.optional(),
});
