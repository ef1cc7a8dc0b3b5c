import { z } from 'zod';

/** `external_media_stop` (call-manager): stops the external media stream. */
export const externalMediaStopOption = z.looseObject({});
