import { flowLevel } from './refused.js';

/** `patch_flow`: run by flow-manager; refused if it ever reaches a call. */
export const patchFlow = flowLevel<'patch_flow'>();
