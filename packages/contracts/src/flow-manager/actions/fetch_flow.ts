import { z } from 'zod';
import { defineAction } from './define.js';

export const fetchFlowAction = defineAction({
  type: 'fetch_flow',
  runsOn: 'flow',
  description: "Runs another flow's actions, then continues after this one.",
  option: z.looseObject({
    flow_id: z.string().min(1).max(128),
  }),
  examples: [{ flow_id: 'a4b1f2c0-0000-4000-8000-000000000001' }],
});
