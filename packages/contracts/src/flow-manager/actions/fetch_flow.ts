import { z } from 'zod';

/** `fetch_flow` (flow-manager): runs another flow's actions, then continues after this one. */
export const fetchFlowOption = z.looseObject({
  flow_id: z.string().min(1).max(128),
});
