import { z } from 'zod';

/** `recording_stop` (call-manager): stops the call's recording. */
export const recordingStopOption = z.looseObject({});
