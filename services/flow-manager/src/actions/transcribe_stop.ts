import { mediaAction } from './media.js';

/** `transcribe_stop`: Stops transcription; the media layer runs it. */
export const transcribeStop = mediaAction<'transcribe_stop'>();
