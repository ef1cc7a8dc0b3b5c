import { mediaAction } from './media.js';

/** `hangup`: Hangs up, run by call-manager. */
export const hangup = mediaAction<'hangup'>();
