import { customerManager } from '@voxmesh/contracts';
import { parseJson } from '@voxmesh/wire';
import { z } from 'zod';

/**
 * How a device or user is rung (`call_forward`, `do_not_disturb`, `presence_id`, `hotdesk`, and a
 * user's `vm_to_email_enabled` and `directories`), kept as one JSON column: the fields are Kazoo's
 * document objects and are read and written whole.
 */
export const storedCallSettingsSchema = z.object({
  ...customerManager.callSettingsFields,
  vm_to_email_enabled: z.boolean().optional(),
  directories: customerManager.userDirectoriesSchema.optional(),
});
export type StoredCallSettings = z.infer<typeof storedCallSettingsSchema>;

const KEYS = ['call_forward', 'do_not_disturb', 'presence_id', 'hotdesk', 'vm_to_email_enabled', 'directories'] as const;

/** The settings a document holds, without the keys it leaves out. */
export function pickCallSettings(doc: StoredCallSettings): StoredCallSettings {
  const picked: StoredCallSettings = {};
  for (const key of KEYS) if (doc[key] !== undefined) Object.assign(picked, { [key]: doc[key] });
  return picked;
}

export function callSettingsColumn(doc: StoredCallSettings): string | null {
  const picked = pickCallSettings(doc);
  return Object.keys(picked).length === 0 ? null : JSON.stringify(picked);
}

/** A column this service wrote; anything unreadable reads as no settings rather than failing the row. */
export function callSettingsFromColumn(value: unknown): StoredCallSettings {
  if (typeof value !== 'string' || value === '') return {};
  try {
    const read = storedCallSettingsSchema.safeParse(parseJson(value));
    return read.success ? pickCallSettings(read.data) : {};
  } catch {
    return {};
  }
}

/** A PATCH of the settings: objects merge into the stored ones, null removes a field. */
export function patchCallSettings(
  current: StoredCallSettings,
  patch: { [K in keyof StoredCallSettings]?: StoredCallSettings[K] | null },
): StoredCallSettings {
  const next: StoredCallSettings = { ...current };
  if (patch.call_forward !== undefined) next.call_forward = patch.call_forward === null ? undefined : { ...current.call_forward, ...patch.call_forward };
  if (patch.do_not_disturb !== undefined) next.do_not_disturb = patch.do_not_disturb === null ? undefined : { ...current.do_not_disturb, ...patch.do_not_disturb };
  if (patch.presence_id !== undefined) next.presence_id = patch.presence_id ?? undefined;
  if (patch.hotdesk !== undefined) next.hotdesk = patch.hotdesk === null ? undefined : { ...current.hotdesk, ...patch.hotdesk };
  if (patch.vm_to_email_enabled !== undefined) next.vm_to_email_enabled = patch.vm_to_email_enabled ?? undefined;
  if (patch.directories !== undefined) next.directories = patch.directories ?? undefined;
  return pickCallSettings(next);
}
