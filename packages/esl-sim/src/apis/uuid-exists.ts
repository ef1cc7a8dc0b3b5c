import type { ApiHandler } from './types.js';

/** `uuid_exists <uuid>`: true or false. */
export const uuidExists: ApiHandler = ({ core }, arg) => (core.locate(arg.trim()) ? 'true' : 'false');
