import { z } from 'zod';
import { actionInputSchema, wireActionSchema } from './actions/index.js';

export const referenceTypes = ['call', 'api', 'conversation', 'ai', 'campaign', 'transcribe', 'recording', 'none'] as const;
export type ReferenceType = (typeof referenceTypes)[number];

export const activeflowStatuses = ['running', 'ended'] as const;

/** A run of pushed actions; when it ends the run goes back to where it was pushed from. */
export const stackSchema = z.object({
  id: z.string(),
  actions: z.array(wireActionSchema),
  return_stack_id: z.string(),
  return_action_id: z.string(),
});

/** Something that went wrong while running a flow-level action; the flow went on. */
export const activeflowErrorSchema = z.object({
  tm: z.string(),
  action_id: z.string(),
  action_type: z.string(),
  reason: z.string(),
  message: z.string(),
});
export type ActiveflowError = z.infer<typeof activeflowErrorSchema>;

/** What the events carry: the activeflow without its stacks, which grow with the flow. */
export const activeflowSummarySchema = z.object({
  id: z.string(),
  account_id: z.string(),
  flow_id: z.string(),
  status: z.enum(activeflowStatuses),
  end_reason: z.string().describe('Why it ended: finished, stopped, deleted, executions_limit, iterations_limit.'),
  reference_type: z.string(),
  reference_id: z.string(),
  call_id: z.string().describe("The seed's name for the reference of a call."),
  reference_activeflow_id: z.string(),
  on_complete_flow_id: z.string(),
  webhook_uri: z.string(),
  current_stack_id: z.string(),
  current_action: wireActionSchema,
  forward_stack_id: z.string(),
  forward_action_id: z.string(),
  execute_count: z.number().int(),
  complete_count: z.number().int(),
  errors: z.array(activeflowErrorSchema).describe('The latest problems (at most 10), newest last.'),
  tm_create: z.string(),
  tm_update: z.string().nullable(),
  tm_end: z.string().nullable(),
  tm_delete: z.string().nullable(),
});
export type ActiveflowSummary = z.infer<typeof activeflowSummarySchema>;

/** The full activeflow: the summary plus its stacks (`actions` is the flow's own, as the seed has it). */
export const activeflowSchema = activeflowSummarySchema.extend({
  actions: z.array(wireActionSchema),
  stack_map: z.record(z.string(), stackSchema),
});
export type Activeflow = z.infer<typeof activeflowSchema>;

/** Variables are strings; numbers and booleans given on input are kept as their text. */
export const variablesInputSchema = z.record(
  z.string().min(1).max(255),
  z.union([z.string().max(32768), z.number(), z.boolean()]).transform(String),
);

/**
 * `POST /v1/activeflows`: the seed's `{call_id, flow_id}` or the fuller form. Give
 * `flow_id` or `actions`.
 */
export const createActiveflowBodySchema = z.looseObject({
  id: z.string().min(1).max(128).optional(),
  call_id: z.string().min(1).max(128).optional(),
  flow_id: z.string().min(1).max(128).optional(),
  actions: z.array(actionInputSchema).max(10000).optional(),
  account_id: z.string().max(64).optional(),
  reference_type: z.enum(referenceTypes).optional(),
  reference_id: z.string().max(128).optional(),
  reference_activeflow_id: z.string().max(128).optional(),
  variables: variablesInputSchema.optional(),
  webhook_uri: z.string().max(1024).optional(),
  on_complete_flow_id: z.string().max(128).optional(),
});
export type CreateActiveflowBody = z.infer<typeof createActiveflowBodySchema>;

export const activeflowFiltersSchema = z.looseObject({
  account_id: z.string().max(64).optional(),
  flow_id: z.string().max(128).optional(),
  reference_type: z.string().max(32).optional(),
  reference_id: z.string().max(128).optional(),
  status: z.enum(activeflowStatuses).optional(),
  deleted: z.boolean().optional(),
});

export const activeflowPageSchema = z.object({
  result: z.array(activeflowSchema),
  next_page_token: z.string(),
});

/**
 * `GET /v1/activeflows/<id>/next`: the action the caller has just finished. Without it
 * the activeflow advances from wherever it is.
 */
export const nextBodySchema = z.looseObject({
  current_action_id: z.string().max(128).optional(),
});

export const forwardBodySchema = z.looseObject({
  forward_action_id: z.string().min(1).max(128),
  /** Also interrupt what the call is doing now, so the jump happens at once. */
  forward_now: z.boolean().optional(),
});

export const executeBodySchema = z.looseObject({
  /** Resume only if the activeflow is still at this action (used when a sleep ends). */
  current_action_id: z.string().max(128).optional(),
});

export const pushActionsBodySchema = z.object({ actions: z.array(actionInputSchema).min(1).max(10000) });

export const setVariablesBodySchema = z.object({ variables: variablesInputSchema });

export const variablesReplySchema = z.object({
  id: z.string(),
  variables: z.record(z.string(), z.string()),
});
