import { flowLevel } from './refused.js';

/** `patch`: run by flow-manager; refused if it ever reaches a call. */
export const patch = flowLevel<'patch'>();
