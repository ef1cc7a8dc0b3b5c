import { mediaAction } from './media.js';

/** `dtmf_receive`: The seed's name of digits_receive. */
export const dtmfReceive = mediaAction<'dtmf_receive'>();
