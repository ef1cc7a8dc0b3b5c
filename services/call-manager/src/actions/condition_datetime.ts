import { flowLevel } from './refused.js';

/** `condition_datetime`: run by flow-manager; refused if it ever reaches a call. */
export const conditionDatetime = flowLevel<'condition_datetime'>();
