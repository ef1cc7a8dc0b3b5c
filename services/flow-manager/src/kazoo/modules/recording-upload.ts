import { optionalString } from '../data.js';
import type { ModuleContext } from '../types.js';

/** Where Pivot's request finds the recording (Recording-Url / RecordingUrl). */
export const RECORDING_URL_VARIABLE = 'voipbin.recording.url';

/**
 * Kazoo's recording upload target: the file goes to `url/call_recording_<call id>.<ext>`
 * by PUT (or POST). The URL is known before the recording starts, so it is kept on the
 * activeflow then, and the next Pivot request carries it.
 */
export function recordingUpload(context: ModuleContext, format: string): { upload_url: string; upload_method: 'put' | 'post' } | undefined {
  const base = optionalString(context, 'url');
  if (base === undefined) return undefined;
  if (!/^https?:\/\//i.test(base) || !URL.canParse(base)) context.invalid('url', 'must be an http:// or https:// URL');
  const method = optionalString(context, 'method')?.toLowerCase() ?? 'put';
  if (method !== 'put' && method !== 'post') context.invalid('method', 'must be put or post');
  const url = `${base.replace(/\/+$/, '')}/call_recording_\${voipbin.call.id}.${format}`;
  context.emit('variable_set', { key: RECORDING_URL_VARIABLE, value: url });
  return { upload_url: url, upload_method: method };
}
