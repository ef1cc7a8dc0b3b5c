import { mediaAction } from './media.js';

/** `external_media_stop`: Stops the media stream, run by call-manager. */
export const externalMediaStop = mediaAction<'external_media_stop'>();
