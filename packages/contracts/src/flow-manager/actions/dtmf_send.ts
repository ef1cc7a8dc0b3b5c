import { digitsSendAction } from './digits_send.js';
import { defineAction } from './define.js';

export const dtmfSendAction = defineAction({
  type: 'dtmf_send',
  runsOn: 'media',
  description: "The seed's name of digits_send.",
  option: digitsSendAction.option,
  examples: [{ digits: '9' }],
});
