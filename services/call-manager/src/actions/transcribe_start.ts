import { needsService } from './refused.js';

/** `transcribe_start`: live transcription needs transcribe-manager (a speech-to-text engine). */
export const transcribeStart = needsService<'transcribe_start'>('transcribe-manager', 'live transcription');
