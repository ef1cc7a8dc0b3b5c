import { fetchFlowAction } from './fetch_flow.js';
import { defineAction } from './define.js';

export const patchFlowAction = defineAction({
  type: 'patch_flow',
  runsOn: 'flow',
  description: "The seed's name of fetch_flow.",
  option: fetchFlowAction.option,
  examples: [{ flow_id: 'a4b1f2c0-0000-4000-8000-000000000001' }],
});
