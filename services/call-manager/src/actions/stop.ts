import { flowLevel } from './refused.js';

/** `stop`: run by flow-manager; refused if it ever reaches a call. */
export const stop = flowLevel<'stop'>();
