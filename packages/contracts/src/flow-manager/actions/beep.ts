import { z } from 'zod';

/** `beep` (call-manager): plays a short tone, usually before a recording. */
export const beepOption = z.looseObject({});
