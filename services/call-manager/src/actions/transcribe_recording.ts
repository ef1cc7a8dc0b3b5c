import { needsService } from './refused.js';

/** `transcribe_recording`: transcribing recordings needs transcribe-manager. */
export const transcribeRecording = needsService<'transcribe_recording'>('transcribe-manager', 'transcribing recordings');
