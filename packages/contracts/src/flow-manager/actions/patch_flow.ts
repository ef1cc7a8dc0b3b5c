import { fetchFlowOption } from './fetch_flow.js';

/** `patch_flow`: the seed's name of `fetch_flow`, same options and behaviour. */
export const patchFlowOption = fetchFlowOption;
