import { mediaAction } from './media.js';

/** `echo`: Echoes the caller's audio, run by call-manager. */
export const echo = mediaAction<'echo'>();
