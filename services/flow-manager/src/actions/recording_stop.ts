import { mediaAction } from './media.js';

/** `recording_stop`: Stops the recording, run by call-manager. */
export const recordingStop = mediaAction<'recording_stop'>();
