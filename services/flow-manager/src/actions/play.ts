import { mediaAction } from './media.js';

/** `play`: Plays files, run by call-manager. */
export const play = mediaAction<'play'>();
