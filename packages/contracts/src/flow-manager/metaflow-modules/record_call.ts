import { z } from 'zod';
import { httpUrl } from '../actions/common.js';
import { optionalText } from './common.js';
import { defineMetaflowModule } from './define.js';

/** Kazoo's konami `record_call` (applications/konami/doc/record_call.md). */
export const recordCallMetaflow = defineMetaflowModule({
  module: 'record_call',
  description: 'Starts, stops or toggles a recording of the call; a URL receives the file by HTTP PUT or POST.',
  data: z.looseObject({
    action: z.enum(['start', 'stop', 'toggle']).optional(),
    format: z.enum(['mp3', 'wav']).optional(),
    label: optionalText,
    media_name: optionalText,
    method: z.enum(['put', 'post']).optional(),
    origin: optionalText,
    record_min_sec: z.number().int().min(0).max(86400).optional(),
    record_on_answer: z.boolean().optional(),
    record_on_bridge: z.boolean().optional(),
    record_sample_rate: z.number().int().min(8000).max(48000).optional(),
    time_limit: z.number().int().min(1).max(86400).optional(),
    url: httpUrl.optional(),
  }),
  examples: [{ data: { action: 'toggle' } }, { data: { action: 'start', format: 'mp3', time_limit: 3600, url: 'https://example.com/recordings', method: 'put', record_min_sec: 2 } }],
});
