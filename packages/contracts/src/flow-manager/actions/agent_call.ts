import { z } from 'zod';
import { defineAction } from './define.js';

export const agentCallAction = defineAction({
  type: 'agent_call',
  runsOn: 'media',
  description: 'Rings an agent and bridges the call to them.',
  option: z.looseObject({
    agent_id: z.string().min(1).max(128),
  }),
  examples: [{ agent_id: 'agent-42' }],
});
