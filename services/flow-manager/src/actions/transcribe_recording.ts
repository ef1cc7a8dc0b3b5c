import { mediaAction } from './media.js';

/** `transcribe_recording`: Transcribes recordings; the media layer runs it. */
export const transcribeRecording = mediaAction<'transcribe_recording'>();
