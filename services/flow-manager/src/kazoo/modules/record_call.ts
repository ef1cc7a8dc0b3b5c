import { optionalNumber, optionalString } from '../data.js';
import type { ModuleCompiler, ModuleContext } from '../types.js';
import { recordingUpload } from './recording-upload.js';

/** `record_call`: `data.action` start (default) or stop; `format` wav/mp3, `time_limit` in seconds, `url` to upload to. */
export const recordCall: ModuleCompiler = {
  routesChildren: false,
  compile(context: ModuleContext) {
    const action = optionalString(context, 'action') ?? 'start';
    if (action === 'stop') return context.emit('recording_stop', {});
    if (action !== 'start') context.invalid('action', 'must be start or stop');
    const option: Record<string, unknown> = {};
    const format = optionalString(context, 'format');
    if (format !== undefined) {
      if (format !== 'wav' && format !== 'mp3') context.invalid('format', 'must be wav or mp3');
      option.format = format;
    }
    const limit = optionalNumber(context, 'time_limit', 0, 86_400);
    if (limit !== undefined) option.duration = Math.round(limit);
    Object.assign(option, recordingUpload(context, format ?? 'wav'));
    return context.emit('recording_start', option);
  },
};
