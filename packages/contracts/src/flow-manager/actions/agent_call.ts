import { z } from 'zod';

/** `agent_call` (media layer): rings an agent and bridges the call to them. */
export const agentCallOption = z.looseObject({
  agent_id: z.string().min(1).max(128),
});
