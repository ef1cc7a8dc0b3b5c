import { z } from 'zod';

/** `external_media_start` (call-manager): streams the call's media to an external host. */
export const externalMediaStartOption = z.looseObject({
  external_host: z.string().min(1).max(255),
  encapsulation: z.string().max(32).optional(),
  transport: z.string().max(32).optional(),
  connection_type: z.string().max(32).optional(),
  format: z.string().max(32).optional(),
  direction_listen: z.string().max(16).optional(),
  direction_speak: z.string().max(16).optional(),
  data: z.unknown().optional(),
});
