import { z } from 'zod';
import { displayNameSchema, idSchema, timestampSchema } from './common.js';
import { patchSchemaOf } from './patch.js';

/**
 * A fax box (Kazoo's `faxbox.json`): where the faxes a `faxbox` callflow receives are
 * kept, with the identity the box shows a sending machine. Notifications are kept as
 * Kazoo writes them.
 */
export const faxboxFields = {
  name: displayNameSchema,
  caller_name: z.string().trim().max(128).optional(),
  caller_id: z.string().trim().max(64).optional(),
  fax_header: z.string().trim().max(64).optional(),
  /** The station id (TSI/CSI) the box answers with. */
  fax_identity: z.string().trim().max(64).optional(),
  fax_timezone: z.string().trim().max(64).optional(),
  retries: z.number().int().min(0).max(4).optional(),
  owner_id: idSchema.optional(),
  notifications: z.looseObject({}).optional(),
  smtp_permission_list: z.array(z.string().trim().min(1).max(254)).max(50).optional(),
  custom_smtp_email_address: z.string().trim().max(254).optional(),
};

export const faxboxSchema = z.object({
  id: z.string(),
  account_id: z.string(),
  ...faxboxFields,
  created: timestampSchema,
  updated: timestampSchema,
});
export type Faxbox = z.infer<typeof faxboxSchema>;

export const faxboxInputSchema = z.strictObject(faxboxFields);
export type FaxboxInput = z.infer<typeof faxboxInputSchema>;

export const faxboxPatchSchema = patchSchemaOf(faxboxFields);
export type FaxboxPatch = z.infer<typeof faxboxPatchSchema>;

export const faxFolders = ['inbox', 'outbox'] as const;

/** What call-manager reports once a fax call ended: the document and rxfax's (or txfax's) result. */
export const faxInputSchema = z.strictObject({
  /** `inbox` (the default) for a fax received, `outbox` for one sent. */
  folder: z.enum(faxFolders).optional(),
  faxbox_id: idSchema.optional(),
  from_number: z.string().max(128),
  from_name: z.string().max(128),
  to_number: z.string().max(128),
  call_id: z.string().max(128),
  success: z.boolean(),
  result_code: z.number().int(),
  result_text: z.string().max(256),
  pages: z.number().int().min(0).max(10_000),
  remote_station_id: z.string().max(64),
  /** Where the media server wrote the TIFF; absent when nothing was received. */
  media_path: z.string().min(1).max(1024).optional(),
});
export type FaxInput = z.infer<typeof faxInputSchema>;

/** A fax received or sent (Kazoo's `faxes/inbox`, `faxes/outbox`): `timestamp` in Gregorian seconds, as Kazoo's. */
export const faxSchema = z.object({
  id: z.string(),
  account_id: z.string(),
  timestamp: z.number().int(),
  ...faxInputSchema.shape,
  folder: z.enum(faxFolders),
});

export const faxQuerySchema = z.strictObject({ folder: z.enum(faxFolders).optional() });

/** Kazoo's `PUT /faxes`: a document by URL to a number (the document must be a TIFF here). */
export const faxSendSchema = z.strictObject({
  document: z.strictObject({ url: z.string().url().max(2048), method: z.enum(['get', 'GET']).optional() }),
  to_number: z.string().trim().min(1).max(32).regex(/^\+?[0-9]+$/, { message: 'must be a phone number' }),
  to_name: z.string().trim().max(128).optional(),
  from_number: z.string().trim().max(32).regex(/^\+?[0-9]*$/, { message: 'must be a phone number' }).optional(),
  from_name: z.string().trim().max(128).optional(),
  retries: z.number().int().min(0).max(4).optional(),
  faxbox_id: idSchema.optional(),
});
export type FaxSend = z.infer<typeof faxSendSchema>;
export type Fax = z.infer<typeof faxSchema>;
