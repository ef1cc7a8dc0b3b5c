import { flowLevel } from './refused.js';

/** `fetch`: run by flow-manager; refused if it ever reaches a call. */
export const fetch = flowLevel<'fetch'>();
