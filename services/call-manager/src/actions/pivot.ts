import { flowLevel } from './refused.js';

/** `pivot`: Kazoo's Pivot, run by flow-manager (it asks the customer's server); refused if it ever reaches a call. */
export const pivot = flowLevel<'pivot'>();
