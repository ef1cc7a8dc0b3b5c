import { VoipError } from '@voxmesh/wire';
import type { RecordingOptions } from '../../calls/live-call.js';
import type { MetaflowHandler, MetaflowRun } from './types.js';

const given = (value: string | null | undefined) => (value === undefined || value === null || value === '' ? undefined : value);

/**
 * What the recording is started with, as Kazoo's kzc_recording reads the data: the file
 * goes to `url/call_recording_<call id>.<format>` (the name Kazoo's HTTP handler gives
 * it, as the callflow's record_call does) by `method` (put unless post); `media_name`
 * gets the format's extension unless it has it; `record_min_sec` discards a shorter one.
 */
function settingsOf(run: MetaflowRun<'record_call'>): RecordingOptions {
  const { data } = run;
  const format = data.format ?? 'wav';
  const url = given(data.url);
  const name = given(data.media_name);
  const label = given(data.label);
  return {
    format,
    limitSeconds: data.time_limit,
    upload: url === undefined ? undefined : { url: `${url.replace(/\/+$/, '')}/call_recording_${run.call.call.id}.${format}`, method: data.method ?? 'put' },
    minSeconds: data.record_min_sec,
    name: name === undefined ? undefined : name.toLowerCase().endsWith(`.${format}`) ? name : `${name}.${format}`,
    label,
  };
}

/**
 * konami `record_call`: starts, stops or toggles the call's recording. Kazoo's code
 * reads a missing action as start (its schema says toggle); so does this. Starting
 * a recording already running, or stopping none, changes nothing.
 */
export const recordCall: MetaflowHandler<'record_call'> = async (run) => {
  const action = run.data.action ?? 'start';
  const control = run.call.control;
  const start = () => control.startRecording(settingsOf(run));
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
