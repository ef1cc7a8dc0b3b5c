import { gatherDigits } from './digits_receive.js';

/** `dtmf_receive`: the seed's name of digits_receive. */
export const dtmfReceive = gatherDigits<'dtmf_receive'>();
