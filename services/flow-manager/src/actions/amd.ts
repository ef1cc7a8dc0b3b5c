import { mediaAction } from './media.js';

/** `amd`: Answering-machine detection, run by call-manager. */
export const amd = mediaAction<'amd'>();
