import { fetchOption } from './fetch.js';

/** `patch`: the seed's name of `fetch`, same options and behaviour. */
export const patchOption = fetchOption;
