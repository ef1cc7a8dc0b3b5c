import { optionalNumber, optionalString } from '../data.js';
import type { ModuleCompiler, ModuleContext } from '../types.js';
import { recordingUpload } from './recording-upload.js';

/** Kazoo's default limit for a caller's recording, in seconds. */
const DEFAULT_TIME_LIMIT = 120;
const END_KEY = '#';

/**
 * `record_caller`: a message from the caller (voicemail-like): a beep, then recording
 * until # or `time_limit` seconds, then the file goes to `url` (see recordingUpload).
 */
export const recordCaller: ModuleCompiler = {
  routesChildren: false,
  compile(context: ModuleContext) {
    const format = optionalString(context, 'format') ?? 'mp3';
    if (format !== 'wav' && format !== 'mp3') context.invalid('format', 'must be wav or mp3');
    const limit = Math.round(optionalNumber(context, 'time_limit', 1, 86_400) ?? DEFAULT_TIME_LIMIT);
    const upload = recordingUpload(context, format);
    context.emit('variable_set', { key: 'voipbin.call.digits', value: '' });
    context.emit('recording_start', { format, duration: limit, beep_start: true, end_of_key: END_KEY, ...upload });
    // The recording runs beside the flow; waiting here for # (or the limit) makes the module end with it.
    context.emit('digits_receive', { duration: limit * 1000, key: END_KEY, length: 128 });
    return context.emit('recording_stop', {});
  },
};
