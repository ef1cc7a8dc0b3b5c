import type { ModuleContext } from './types.js';

/** The variable call-manager leaves a feature's outcome in (eavesdrop, pickup). */
export const FEATURE_RESULT = 'voipbin.feature.result';

/** What the caller hears when a feature could not be used (Kazoo plays system prompts). */
const FAILURE_TEXT: Record<string, string> = {
  NO_USERS: 'There is nobody there to reach.',
  NO_CHANNELS: 'There is no call to take.',
  NOT_APPROVED: 'You are not allowed to use this feature.',
};

/** Who may use the feature, from Kazoo's `approved_*` fields; undefined when anyone may. */
export function approvalOf(data: { approved_device_id?: string | null | undefined; approved_user_id?: string | null | undefined; approved_group_id?: string | null | undefined }): Record<string, string> | undefined {
  const approved: Record<string, string> = {};
  if (data.approved_device_id) approved.device_id = data.approved_device_id;
  if (data.approved_user_id) approved.user_id = data.approved_user_id;
  if (data.approved_group_id) approved.group_id = data.approved_group_id;
  return Object.keys(approved).length > 0 ? approved : undefined;
}

/**
 * The most precise target given: the device, else the user, else the group (cf_group_pickup's
 * order); with none, the extension a feature code captured (Kazoo's `*_feature` modules),
 * read when the call gets there.
 */
export function targetOf(data: { device_id?: string | null | undefined; user_id?: string | null | undefined; group_id?: string | null | undefined }): { type: 'device' | 'user' | 'group' | 'extension'; id: string } {
  if (data.device_id) return { type: 'device', id: data.device_id };
  if (data.user_id) return { type: 'user', id: data.user_id };
  if (data.group_id) return { type: 'group', id: data.group_id };
  return { type: 'extension', id: '${capture_group}' };
}

/**
 * A feature's action, then the callflow stops as Kazoo's feature modules stop it: at
 * once after success, after saying why otherwise.
 */
export function emitFeature(context: ModuleContext, type: 'eavesdrop' | 'pickup', option: Record<string, unknown>): undefined {
  const feature = context.emit(type, option);
  const stop = context.emit('stop', {});
  const targets: Record<string, string> = { SUCCESS: stop.id };
  for (const [result, text] of Object.entries(FAILURE_TEXT)) {
    const said = context.emit('talk', { text });
    said.next_id = stop.id;
    targets[result] = said.id;
  }
  feature.next_id = context.emit('branch', { variable: FEATURE_RESULT, target_ids: targets, default_target_id: stop.id }).id;
  return undefined;
}
