import { sendDigits } from './digits_send.js';

/** `dtmf_send`: the seed's name of digits_send. */
export const dtmfSend = sendDigits<'dtmf_send'>();
