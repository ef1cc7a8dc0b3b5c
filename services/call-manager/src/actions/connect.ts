import { flowLevel } from './refused.js';

/** `connect`: run by flow-manager; refused if it ever reaches a call. */
export const connect = flowLevel<'connect'>();
