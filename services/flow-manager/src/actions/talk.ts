import { mediaAction } from './media.js';

/** `talk`: Speaks text, run by call-manager. */
export const talk = mediaAction<'talk'>();
