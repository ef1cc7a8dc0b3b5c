import { flowLevel } from './refused.js';

/** `branch`: run by flow-manager; refused if it ever reaches a call. */
export const branch = flowLevel<'branch'>();
