import { mediaAction } from './media.js';

/** `stream_echo`: Echoes the stream, run by call-manager. */
export const streamEcho = mediaAction<'stream_echo'>();
