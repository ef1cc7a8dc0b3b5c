import { mediaAction } from './media.js';

/** `transcribe_start`: Starts transcription; the media layer runs it. */
export const transcribeStart = mediaAction<'transcribe_start'>();
