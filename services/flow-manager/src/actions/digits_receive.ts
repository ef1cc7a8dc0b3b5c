import { mediaAction } from './media.js';

/** `digits_receive`: Collects DTMF into voipbin.call.digits, run by call-manager. */
export const digitsReceive = mediaAction<'digits_receive'>();
