import type { Core } from '../core/core.js';

export interface ApiContext {
  core: Core;
}

/** An API command (mod_commands): its output text, errors included, as FreeSWITCH words them. */
export type ApiHandler = (context: ApiContext, arg: string) => Promise<string> | string;

export const NO_SUCH_CHANNEL = '-ERR No such channel!\n';
