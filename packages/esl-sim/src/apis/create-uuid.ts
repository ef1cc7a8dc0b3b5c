import { randomUUID } from 'node:crypto';
import type { ApiHandler } from './types.js';

/** `create_uuid`: a new UUID, without a line end. */
export const createUuid: ApiHandler = () => randomUUID();
