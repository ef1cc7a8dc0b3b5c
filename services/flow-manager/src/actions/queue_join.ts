import { mediaAction } from './media.js';

/** `queue_join`: Puts the call in a queue; the media layer runs it. */
export const queueJoin = mediaAction<'queue_join'>();
