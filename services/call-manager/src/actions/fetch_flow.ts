import { flowLevel } from './refused.js';

/** `fetch_flow`: run by flow-manager; refused if it ever reaches a call. */
export const fetchFlow = flowLevel<'fetch_flow'>();
