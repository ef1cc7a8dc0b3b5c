import { z } from 'zod';
import { actionCatalog } from './catalog.js';
import { actionId } from './common.js';
import type { RunsOn } from './define.js';

export { actionCatalog } from './catalog.js';
export type { ActionEntry, RunsOn } from './define.js';

type Catalog = typeof actionCatalog;

/** Every action type a flow may hold. */
export type ActionType = keyof Catalog;
export const actionTypes = Object.keys(actionCatalog) as readonly ActionType[];

/** The types flow-manager runs itself, in `next`. */
export type FlowActionType = { [T in ActionType]: Catalog[T]['runsOn'] extends 'flow' ? T : never }[ActionType];
/** The types the media layer (call-manager) runs on the call. */
export type MediaActionType = Exclude<ActionType, FlowActionType>;

export const flowActionTypes = actionTypes.filter((type): type is FlowActionType => actionCatalog[type].runsOn === 'flow');
export const mediaActionTypes = actionTypes.filter((type): type is MediaActionType => actionCatalog[type].runsOn === 'media');

export function runsOn(type: ActionType): RunsOn {
  return actionCatalog[type].runsOn;
}

export function isFlowActionType(type: ActionType): type is FlowActionType {
  return runsOn(type) === 'flow';
}

/** One option schema per type, from the catalog. */
export const actionOptionSchemas = Object.fromEntries(actionTypes.map((type) => [type, actionCatalog[type].option])) as {
  readonly [T in ActionType]: Catalog[T]['option'];
};

export type ActionOptions<T extends ActionType> = z.output<(typeof actionOptionSchemas)[T]>;

/** An action of one type, as stored and as returned: `{id, next_id?, type, option}`. */
export interface ActionOf<T extends ActionType> {
  id: string;
  next_id?: string;
  type: T;
  option: ActionOptions<T>;
}

export type Action = { [T in ActionType]: ActionOf<T> }[ActionType];

const knownTypes = new Set<string>(actionTypes);

export function isActionType(value: unknown): value is ActionType {
  return typeof value === 'string' && knownTypes.has(value);
}

/**
 * The action as the wire carries it in replies: loose, so a reader is not broken by a
 * type it does not know yet (and the finish marker, type `finish`, fits too).
 */
export const wireActionSchema = z.object({
  id: z.string(),
  next_id: z.string().optional(),
  type: z.string(),
  option: z.record(z.string(), z.unknown()),
});
export type WireAction = z.infer<typeof wireActionSchema>;

/**
 * The strict schema of one action, a union on `type`, for documents (OpenAPI) and for
 * readers that want every option checked.
 */
export const actionSchema = z.discriminatedUnion(
  'type',
  actionTypes.map((type) =>
    z.object({ id: actionId, next_id: actionId.optional(), type: z.literal(type), option: actionOptionSchemas[type] }),
  ) as unknown as [z.ZodObject, ...z.ZodObject[]],
) as unknown as z.ZodType<Action>;

/** An action before ids are assigned: as `Action`, but `id` may be missing. */
export type ActionDraft = { [T in ActionType]: Omit<ActionOf<T>, 'id'> & { id?: string } }[ActionType];

export interface ActionIssue {
  /** Path below the action, e.g. `['option', 'target_id']`. */
  path: (string | number)[];
  message: string;
}

/**
 * Reads one action as a client may write it: `{id?, next_id?, type, option?}` or the
 * seed's legacy `{id?, next_action?, action, data?}`. Returns the normalized action or
 * the first problem, with a message that names the action.
 */
export function readAction(raw: unknown): { ok: true; action: ActionDraft } | { ok: false; issue: ActionIssue } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, issue: { path: [], message: 'an action must be an object' } };
  }
  const input = raw as Record<string, unknown>;
  const type = input.type ?? input.action;
  const id = input.id;
  const nextId = input.next_id ?? input.next_action;
  const option = input.option ?? input.data ?? {};
  const label = (typeof type === 'string' ? `${type} action` : 'action') + (typeof id === 'string' && id !== '' ? ` ${id}` : '');
  if (id !== undefined && id !== '' && !actionId.safeParse(id).success) {
    return { ok: false, issue: { path: ['id'], message: `${label}: id must be a string of 1 to 128 characters` } };
  }
  if (typeof type !== 'string' || type === '') return { ok: false, issue: { path: ['type'], message: `${label}: type is required` } };
  if (!isActionType(type)) return { ok: false, issue: { path: ['type'], message: `unknown action type ${JSON.stringify(type)}` } };
  // voipbin writes an absent next action as the empty uuid.
  const next = nextId === '' || nextId === '00000000-0000-0000-0000-000000000000' ? undefined : nextId;
  if (next !== undefined && !actionId.safeParse(next).success) {
    return { ok: false, issue: { path: ['next_id'], message: `${label}: next_id must be a string of 1 to 128 characters` } };
  }
  const parsed = actionOptionSchemas[type].safeParse(option);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    const where = ['option', ...first.path.map((part) => (typeof part === 'number' ? part : String(part)))];
    return { ok: false, issue: { path: where, message: `${label}: ${where.join('.')}: ${first.message}` } };
  }
  const action = { type, option: parsed.data } as ActionDraft;
  if (typeof id === 'string' && id !== '') action.id = id;
  if (typeof next === 'string') action.next_id = next;
  return { ok: true, action };
}

/** The request-side action schema: both spellings in, a normalized draft out. */
export const actionInputSchema: z.ZodType<ActionDraft, unknown> = z.unknown().transform((raw, ctx) => {
  const result = readAction(raw);
  if (result.ok) return result.action;
  ctx.addIssue({ code: 'custom', message: result.issue.message, path: result.issue.path });
  return z.NEVER;
});

