import { fetchAction } from './fetch.js';
import { defineAction } from './define.js';

export const patchAction = defineAction({
  type: 'patch',
  runsOn: 'flow',
  description: "The seed's name of fetch.",
  option: fetchAction.option,
  examples: [{ event_url: 'https://example.com/next-actions' }],
});
