import { z } from 'zod';

/** `transcribe_stop` (media layer): stops the transcription. */
export const transcribeStopOption = z.looseObject({});
