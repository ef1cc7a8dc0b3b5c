/**
 * Reserved ids, as voipbin reserves them. An activeflow starts with its current action
 * at `START_ACTION_ID`; `next` answers the finish marker when the flow is over.
 */
export const START_ACTION_ID = '00000000-0000-0000-0000-000000000001';
export const FINISH_ACTION_ID = '00000000-0000-0000-0000-000000000002';
/** The stack holding the flow's own actions; pushed actions get stacks of their own. */
export const MAIN_STACK_ID = '00000000-0000-0000-0000-000000000001';

/** What `next` answers once nothing is left to run: the call hangs up on it. */
export const FINISH_ACTION = Object.freeze({ id: FINISH_ACTION_ID, type: 'finish', option: Object.freeze({}) as Record<string, unknown> });
