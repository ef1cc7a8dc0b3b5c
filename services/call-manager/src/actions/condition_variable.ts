import { flowLevel } from './refused.js';

/** `condition_variable`: run by flow-manager; refused if it ever reaches a call. */
export const conditionVariable = flowLevel<'condition_variable'>();
