import { z } from 'zod';
import type { CallflowNode } from './flow.js';
import { isMetaflowModule, metaflowModuleCatalog, metaflowModules } from './metaflow-modules/index.js';

/**
 * Kazoo's `metaflows` object (reference/kazoo.md §1): what a caller's DTMF can do during
 * a call once the binding digit is pressed. flow-manager keeps one document per account,
 * and one per user, device or callflow of the account; it stores the document as it was
 * given and leaves the defaults to whoever runs it.
 */
export const metaflowOwnerTypes = ['users', 'devices', 'callflows'] as const;
export type MetaflowOwnerType = (typeof metaflowOwnerTypes)[number];

/** The binding digit when a document names none (an invalid one falls back to it too). */
export const DEFAULT_BINDING_DIGIT = '*';
/** Milliseconds allowed between key presses when a document names none (system config `metaflows.digit_timeout_ms`). */
export const DEFAULT_DIGIT_TIMEOUT_MS = 800;
/** Keys a document may hold in each of `numbers` and `patterns`. */
export const MAX_METAFLOW_ENTRIES = 100;

function isRegex(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

/**
 * A node, as a callflow's: `{module, data?, children?}`; `children` maps a branch key
 * (`_` for the default) to the next node. The module is one of the konami catalog and
 * its data fits the module's schema, each issue at the path of its field.
 */
export const metaflowNodeSchema: z.ZodType<CallflowNode> = z.lazy(() =>
  z
    .looseObject({
      module: z.string().min(1).max(64),
      data: z.record(z.string(), z.unknown()).optional(),
      children: z.record(z.string().min(1).max(64), metaflowNodeSchema).optional(),
    })
    .superRefine((node, context) => {
      if (!isMetaflowModule(node.module)) {
        context.addIssue({ code: 'custom', path: ['module'], message: `unknown metaflow module ${node.module}; one of ${metaflowModules.join(', ')}` });
        return;
      }
      const data = metaflowModuleCatalog[node.module].data.safeParse(node.data ?? {});
      if (data.success) return;
      for (const issue of data.error.issues) context.addIssue({ code: 'custom', path: ['data', ...issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part))], message: issue.message });
    }),
);

const keyError = (message: string) => ({ error: (issue: { code?: string }) => (issue.code === 'invalid_key' ? message : undefined) });

const entries = <T extends z.ZodType>(schema: T) =>
  schema.refine((value) => Object.keys(value as object).length <= MAX_METAFLOW_ENTRIES, { message: `at most ${MAX_METAFLOW_ENTRIES} entries` });

const metaflowsShape = {
  /** `{"<digits>": node}`: an exact sequence typed after the binding digit. */
  numbers: entries(z.record(z.string().regex(/^[0-9*#]{1,32}$/), metaflowNodeSchema, keyError('keys are DTMF sequences of 1 to 32 of 0-9, * and #'))).optional(),
  /** `{"<regex>": node}`: tried in key order when no number matched; the first match wins. */
  patterns: entries(z.record(z.string().min(1).max(255).refine(isRegex), metaflowNodeSchema, keyError('keys are regular expressions of at most 255 characters'))).optional(),
  /** The key that arms collection: one of 0-9, * and #; `*` when absent. */
  binding_digit: z.enum(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '#'], { error: 'one DTMF character: 0-9, * or #' }).optional(),
  /** Milliseconds allowed between key presses (the account document's spelling); 800 when absent. */
  digit_timeout_ms: z.number().int().min(0).max(60_000).optional(),
  /** The same, in the spelling of Kazoo's schema. */
  digit_timeout: z.number().int().min(0).max(60_000).optional(),
  /** Whose key presses count, relative to the owning endpoint: its own leg, the other party's, or both. */
  listen_on: z.enum(['self', 'peer', 'both']).optional(),
};

const knownKeys = new Set(Object.keys(metaflowsShape));

/** Kazoo's konami docs write `binding_key`, the older spelling of `binding_digit`: read as it. */
function renameBindingKey(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.hasOwn(value, 'binding_key')) return value;
  const { binding_key: bindingKey, ...rest } = value as Record<string, unknown>;
  return Object.hasOwn(rest, 'binding_digit') ? rest : { ...rest, binding_digit: bindingKey };
}

/** A metaflows document; an empty object is a document with nothing in it (what GET answers when none was stored). */
export const metaflowsSchema = z.preprocess(
  renameBindingKey,
  z.looseObject(metaflowsShape).superRefine((document, context) => {
    for (const key of Object.keys(document)) if (!knownKeys.has(key)) context.addIssue({ code: 'custom', path: [key], message: 'unknown field' });
  }),
) as unknown as z.ZodType<Metaflows>;

export interface Metaflows {
  numbers?: Record<string, CallflowNode> | undefined;
  patterns?: Record<string, CallflowNode> | undefined;
  binding_digit?: '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '*' | '#' | undefined;
  digit_timeout_ms?: number | undefined;
  digit_timeout?: number | undefined;
  listen_on?: 'self' | 'peer' | 'both' | undefined;
}
