import { VoipError } from '@voxmesh/wire';
import type { MetaflowHandler } from './types.js';

/**
 * konami `record_call`: starts, stops or toggles the call's recording. Kazoo's code
 * reads a missing action as start (its schema says toggle); so does this. Starting
 * a recording already running, or stopping none, changes nothing.
 */
export const recordCall: MetaflowHandler<'record_call'> = async (run) => {
  const action = run.data.action ?? 'start';
  const control = run.call.control;
  const start = () => control.startRecording({ format: run.data.format ?? 'wav', limitSeconds: run.data.time_limit });
  const ignore = (reason: string) => (error: unknown) => {
    if (!(error instanceof VoipError && error.reason === reason)) throw error;
  };
  if (action === 'stop') await control.stopRecording().catch(ignore('NOT_RECORDING'));
  else if (action === 'start') await start().catch(ignore('ALREADY_RECORDING'));
  else {
    await start().catch(async (error: unknown) => {
      ignore('ALREADY_RECORDING')(error);
      await control.stopRecording();
    });
  }
  return 'continue';
};
