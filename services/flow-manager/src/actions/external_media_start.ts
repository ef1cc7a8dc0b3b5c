import { mediaAction } from './media.js';

/** `external_media_start`: Streams media out, run by call-manager. */
export const externalMediaStart = mediaAction<'external_media_start'>();
