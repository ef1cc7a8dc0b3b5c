import { mediaAction } from './media.js';

/** `answer`: Answers the call, run by call-manager. */
export const answer = mediaAction<'answer'>();
