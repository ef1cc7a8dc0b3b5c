import type { Webhook } from '../contract.js';
import type { HookOccurrence } from './occurrences.js';

/**
 * Kazoo's modifiers: a key the event lacks passes; a list requires membership; a scalar
 * requires equality. Values compare as text, so `"true"` matches `true`.
 */
export function modifiersAccept(modifiers: Webhook['modifiers'], payload: Record<string, unknown>): boolean {
  for (const [key, wanted] of Object.entries(modifiers)) {
    if (!(key in payload) || payload[key] === undefined) continue;
    const actual = String(payload[key]);
    const allowed = Array.isArray(wanted) ? wanted : [wanted];
    if (!allowed.some((value) => String(value) === actual)) return false;
  }
  return true;
}

/** `custom_data.<key>` as a filter: absent or `all` lets everything through. */
function customFilterAccepts(hook: Webhook, key: string, actual: string): boolean {
  const wanted = hook.custom_data[key];
  return wanted === undefined || String(wanted) === 'all' || String(wanted) === actual;
}

/** Custom data keys that act as filters for a hook type, and so are not merged into its payload. */
function filterKeys(occurrence: HookOccurrence): readonly string[] {
  if (occurrence.hook === 'object') return ['type', 'action'];
  if (occurrence.hook === 'notifications') return ['type'];
  return [];
}

export function hookAccepts(hook: Webhook, occurrence: HookOccurrence): boolean {
  if (hook.hook !== 'all' && hook.hook !== occurrence.hook) return false;
  if (occurrence.hook.startsWith('channel_') && !hook.include_internal_legs && (occurrence.payload as Record<string, unknown>).is_internal_leg === true) return false;
  if (hook.hook === 'object' && occurrence.hook === 'object') {
    if (!customFilterAccepts(hook, 'type', occurrence.payload.type) || !customFilterAccepts(hook, 'action', occurrence.payload.action)) return false;
  }
  if (hook.hook === 'notifications' && occurrence.hook === 'notifications') {
    if (!customFilterAccepts(hook, 'type', occurrence.payload.type)) return false;
  }
  return modifiersAccept(hook.modifiers, occurrence.payload);
}

/** Whether the hook has custom_data to merge; most have none, and their payload is the event's as it is. */
export function hasMergedData(hook: Webhook): boolean {
  for (const _key in hook.custom_data) return true;
  return false;
}

/** The payload the hook receives: the event's, with custom_data merged over it (Kazoo overwrites). */
export function payloadFor(hook: Webhook, occurrence: HookOccurrence): Record<string, unknown> {
  if (!hasMergedData(hook)) return occurrence.payload;
  const skip = hook.hook === occurrence.hook ? filterKeys(occurrence) : [];
  const merged: Record<string, unknown> = { ...occurrence.payload };
  for (const [key, value] of Object.entries(hook.custom_data)) if (!skip.includes(key)) merged[key] = value;
  return merged;
}
