import { digitsSendOption } from './digits_send.js';

/** `dtmf_send`: the seed's name of `digits_send`, same options. */
export const dtmfSendOption = digitsSendOption;
