import type { MediaActionType } from '../contract.js';
import type { ActionHandler } from './types.js';

/** A media action that needs a service this platform does not run yet: refused with the reason, and the flow goes on. */
export function needsService<T extends MediaActionType>(service: string, what: string): ActionHandler<T> {
  return {
    manual: true,
    async start(run) {
      await run.refuse('SERVICE_UNAVAILABLE', `${run.action.type}: ${what} needs ${service}, which this platform does not run`);
    },
  };
}

/** `agent_call`: ringing an agent needs agent-manager. */
export const agentCall = needsService<'agent_call'>('agent-manager', 'ringing an agent');
/** `queue_join`: a call queue needs queue-manager. */
export const queueJoin = needsService<'queue_join'>('queue-manager', 'a call queue');
/** `transcribe_recording`: transcribing recordings needs transcribe-manager. */
export const transcribeRecording = needsService<'transcribe_recording'>('transcribe-manager', 'transcribing recordings');
/** `transcribe_start`: live transcription needs transcribe-manager (a speech-to-text engine). */
export const transcribeStart = needsService<'transcribe_start'>('transcribe-manager', 'live transcription');
/** `transcribe_stop`: see transcribe_start. */
export const transcribeStop = needsService<'transcribe_stop'>('transcribe-manager', 'live transcription');
