import { z } from 'zod';
import { defineAction } from './define.js';

export const externalMediaStartAction = defineAction({
  type: 'external_media_start',
  runsOn: 'media',
  description: "Streams the call's media to an external host.",
  option: z.looseObject({
    external_host: z.string().min(1).max(255),
    encapsulation: z.string().max(32).optional(),
    transport: z.string().max(32).optional(),
    connection_type: z.string().max(32).optional(),
    format: z.string().max(32).optional(),
    direction_listen: z.string().max(16).optional(),
    direction_speak: z.string().max(16).optional(),
    data: z.unknown().optional(),
  }),
  examples: [{ external_host: 'media.example.com:8026', encapsulation: 'rtp', transport: 'udp' }],
});
