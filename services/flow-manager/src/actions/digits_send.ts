import { mediaAction } from './media.js';

/** `digits_send`: Sends DTMF, run by call-manager. */
export const digitsSend = mediaAction<'digits_send'>();
