import { digitsReceiveOption } from './digits_receive.js';

/** `dtmf_receive`: the seed's name of `digits_receive`, same options. */
export const dtmfReceiveOption = digitsReceiveOption;
