import { mediaAction } from './media.js';

/** `recording_start`: Starts a recording, run by call-manager. */
export const recordingStart = mediaAction<'recording_start'>();
