import type { ActionHandler } from './types.js';

type Send = 'digits_send' | 'dtmf_send';

/** `digits_send`: send_dtmf with each tone's length; done when the tones have played. */
export function sendDigits<T extends Send>(): ActionHandler<T> {
  return {
    async start(run) {
      const { digits, duration } = run.action.option;
      await run.execute('send_dtmf', duration === undefined ? digits : `${digits}@${duration}`);
    },
  };
}

export const digitsSend = sendDigits<'digits_send'>();
/** `dtmf_send`: the seed's name of digits_send. */
export const dtmfSend = sendDigits<'dtmf_send'>();
