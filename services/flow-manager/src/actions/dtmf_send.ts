import { mediaAction } from './media.js';

/** `dtmf_send`: The seed's name of digits_send. */
export const dtmfSend = mediaAction<'dtmf_send'>();
