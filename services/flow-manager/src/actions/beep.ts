import { mediaAction } from './media.js';

/** `beep`: Plays a tone, run by call-manager. */
export const beep = mediaAction<'beep'>();
