import { needsService } from './refused.js';

/** `queue_join`: a call queue needs queue-manager. */
export const queueJoin = needsService<'queue_join'>('queue-manager', 'a call queue');
