import { flowLevel } from './refused.js';

/** `goto`: run by flow-manager; refused if it ever reaches a call. */
export const goto = flowLevel<'goto'>();
