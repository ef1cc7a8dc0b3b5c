import { z } from 'zod';

/** `stop` (flow-manager): ends the activeflow; the call gets the finish marker. */
export const stopOption = z.looseObject({});
