import { flowLevel } from './refused.js';

/** `variable_set`: run by flow-manager; refused if it ever reaches a call. */
export const variableSet = flowLevel<'variable_set'>();
