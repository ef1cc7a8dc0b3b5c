import { z } from 'zod';
import { actionInputSchema, wireActionSchema } from './actions/index.js';

/**
 * A Kazoo callflow node, `{module, data, children}`: the shape the Pivot seed creates.
 * flow-manager compiles the tree into the same action graph as a voipbin flow.
 */
export interface CallflowNode {
  module: string;
  data?: Record<string, unknown>;
  children?: Record<string, CallflowNode>;
}

export const callflowNodeSchema: z.ZodType<CallflowNode> = z.lazy(() =>
  z.looseObject({
    module: z.string().min(1).max(64),
    data: z.record(z.string(), z.unknown()).optional(),
    children: z.record(z.string(), callflowNodeSchema).optional(),
  }),
);

/** A dialled number as a flow claims it (E.164 or an extension); one flow per number platform-wide. */
export const numberSchema = z.string().trim().min(1).max(64);
/** A Kazoo route pattern: a regular expression, captures become variables. */
export const patternSchema = z.string().min(1).max(255);

export const flowTypes = ['flow', 'callflow'] as const;

/**
 * Kazoo's `featurecode` on a callflow: the feature's name and the number a phone shows
 * for it (`*72`) beside the pattern that matches it (callflows.json). Kept and returned;
 * routing reads the patterns.
 */
export const featurecodeSchema = z.strictObject({
  name: z.string().min(1).max(128).optional(),
  number: z.string().min(1).max(30).optional(),
});
export type Featurecode = z.infer<typeof featurecodeSchema>;

/** A flow as flow-manager returns it. Times are ISO strings; `tm_delete` is set once soft-deleted. */
export const flowSchema = z.object({
  id: z.string(),
  account_id: z.string(),
  type: z.enum(flowTypes),
  name: z.string(),
  detail: z.string(),
  persist: z.boolean(),
  webhook_uri: z.string(),
  on_complete_flow_id: z.string(),
  actions: z.array(wireActionSchema),
  numbers: z.array(z.string()),
  patterns: z.array(z.string()),
  flow: callflowNodeSchema.optional().describe('The Kazoo tree a callflow was written as; the actions are compiled from it.'),
  featurecode: featurecodeSchema.optional(),
  tm_create: z.string(),
  tm_update: z.string().nullable(),
  tm_delete: z.string().nullable(),
});
export type Flow = z.infer<typeof flowSchema>;

const flowFields = {
  account_id: z.string().max(64).optional(),
  name: z.string().max(255).optional(),
  detail: z.string().max(8192).optional(),
  persist: z.boolean().optional(),
  webhook_uri: z.string().max(1024).optional(),
  on_complete_flow_id: z.string().max(128).optional(),
  /** A voipbin flow: its actions. */
  actions: z.array(actionInputSchema).max(10000).optional(),
  /** A Kazoo callflow: its tree (give this or `actions`). */
  flow: callflowNodeSchema.optional(),
  numbers: z.array(numberSchema).max(1000).optional(),
  patterns: z.array(patternSchema).max(100).optional(),
  /** Kazoo's feature code name and number; null clears it. */
  featurecode: featurecodeSchema.nullable().optional(),
};

export const createFlowBodySchema = z.looseObject({
  /** A caller-chosen id (a Kazoo callflow id, say); one is made when absent. */
  id: z.string().min(1).max(128).optional(),
  ...flowFields,
});
export type CreateFlowBody = z.infer<typeof createFlowBodySchema>;

/** PUT replaces the fields it carries and keeps the others. */
export const updateFlowBodySchema = z.looseObject(flowFields);
export type UpdateFlowBody = z.infer<typeof updateFlowBodySchema>;

export const updateFlowActionsBodySchema = z.object({ actions: z.array(actionInputSchema).max(10000) });

/** List filters travel in the body, as voipbin's do. */
export const flowFiltersSchema = z.looseObject({
  account_id: z.string().max(64).optional(),
  type: z.enum(flowTypes).optional(),
  /** Soft-deleted flows are left out unless this is true. */
  deleted: z.boolean().optional(),
});

export const pageQuerySchema = z.object({
  page_size: z.coerce.number().int().min(1).max(1000).optional(),
  page_token: z.string().max(128).optional(),
});

export const flowPageSchema = z.object({
  result: z.array(flowSchema),
  /** Pass as `page_token` for the next page; empty when this was the last. */
  next_page_token: z.string(),
});

/**
 * One action in the seed's legacy spelling, as `GET /v1/flows/<id>/actions[/<action-id>]`
 * answer: `action`, `next_action` (the action that runs after it, the finish id at the
 * end) and `data`, with the flow's id; the current spelling rides along.
 */
export const seedActionSchema = z.object({
  id: z.string(),
  flow_id: z.string(),
  action: z.string(),
  next_action: z.string(),
  data: z.record(z.string(), z.unknown()),
  type: z.string(),
  next_id: z.string().optional(),
  option: z.record(z.string(), z.unknown()),
});
export type SeedAction = z.infer<typeof seedActionSchema>;

export const routeQuerySchema = z.object({ number: numberSchema });

/** What `GET /v1/routes?number=` answers: the flow a dialled number reaches. */
export const routeReplySchema = z.object({
  flow_id: z.string(),
  account_id: z.string(),
  number: z.string(),
  match: z.enum(['number', 'pattern']),
  /** The pattern that matched, for a pattern route. */
  pattern: z.string().optional(),
  /** The pattern's numbered captures, in order. */
  captures: z.array(z.string()),
  /** Its named captures. */
  named_captures: z.record(z.string(), z.string()),
  /**
   * The captures as variables, ready for `POST /v1/activeflows` `variables`:
   * `capture_group` (Kazoo's name: the first capture, else the whole match),
   * `capture_group.<n>` and `capture_groups.<name>`.
   */
  variables: z.record(z.string(), z.string()),
  flow: flowSchema,
});
export type RouteReply = z.infer<typeof routeReplySchema>;
