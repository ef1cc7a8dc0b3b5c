import { needsService } from './refused.js';

/** `transcribe_stop`: see transcribe_start. */
export const transcribeStop = needsService<'transcribe_stop'>('transcribe-manager', 'live transcription');
