import { digitsReceiveAction } from './digits_receive.js';
import { defineAction } from './define.js';

export const dtmfReceiveAction = defineAction({
  type: 'dtmf_receive',
  runsOn: 'media',
  description: "The seed's name of digits_receive.",
  option: digitsReceiveAction.option,
  examples: [{ duration: 3000, length: 1 }],
});
