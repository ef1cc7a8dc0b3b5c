import { z } from 'zod';
import { flowManager } from '@voxmesh/contracts';
import { HttpError } from '../http/errors.js';
import type { ApiContext, ApiReply } from '../http/types.js';
import type { Clients } from '../remote/clients.js';
import { foreignId, ownedBy } from './ids.js';
import { pageRequest, pagingOf } from './paging.js';

type Flow = flowManager.Flow;

/** Kazoo's patterns are PCRE: a Python-style named group `(?P<name>` reads as JavaScript's `(?<name>`, as flow-manager compiles it. */
function isRegex(pattern: string): boolean {
  try {
    new RegExp(pattern.replace(/\(\?P</g, '(?<'));
    return true;
  } catch {
    return false;
  }
}

const numbersSchema = z.array(flowManager.numberSchema).max(1000);
const patternsSchema = z.array(flowManager.patternSchema.refine(isRegex, { message: 'must be a valid regular expression' })).max(100);

/** Kazoo's callflow document (reference/kazoo.md §5), the shape the Pivot seed creates. */
export const callflowInputSchema = z
  .strictObject({
    name: z.string().trim().max(255).optional(),
    numbers: numbersSchema.optional(),
    patterns: patternsSchema.optional(),
    flow: flowManager.callflowNodeSchema,
    featurecode: flowManager.featurecodeSchema.optional(),
  })
  .refine((doc) => (doc.numbers?.length ?? 0) + (doc.patterns?.length ?? 0) > 0, {
    message: 'a callflow needs at least one number or pattern',
    path: ['numbers'],
  });
export type CallflowInput = z.infer<typeof callflowInputSchema>;

export const callflowPatchSchema = z.strictObject({
  name: z.string().trim().max(255).nullable().optional(),
  numbers: numbersSchema.nullable().optional(),
  patterns: patternsSchema.nullable().optional(),
  flow: flowManager.callflowNodeSchema.optional(),
  featurecode: flowManager.featurecodeSchema.nullable().optional(),
});

export const callflowViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  numbers: z.array(z.string()),
  patterns: z.array(z.string()),
  flow: flowManager.callflowNodeSchema.optional(),
  featurecode: flowManager.featurecodeSchema.optional(),
  created: z.string(),
  updated: z.string().nullable(),
});

export function callflowView(flow: Flow): z.infer<typeof callflowViewSchema> {
  return { id: flow.id, name: flow.name, numbers: flow.numbers, patterns: flow.patterns, ...(flow.flow ? { flow: flow.flow } : {}), ...(flow.featurecode ? { featurecode: flow.featurecode } : {}), created: flow.tm_create, updated: flow.tm_update };
}

/**
 * Callflows are flow-manager's flows of type `callflow`: the tree is kept as written and
 * compiled into actions there. Only the account's own callflows are visible.
 */
export class CallflowsResource {
  constructor(private readonly clients: Clients) {}

  async list(context: ApiContext): Promise<ApiReply> {
    const page = pageRequest(context.parsedQuery, 1000);
    const found = await this.clients.flows.call(
      'listFlows',
      { query: { page_size: page.size, ...(page.startKey ? { page_token: page.startKey } : {}) }, body: { account_id: context.params.account_id!, type: 'callflow' } },
      { requestId: context.requestId },
    );
    const data = found.result.map((flow) => ({ id: flow.id, name: flow.name, numbers: flow.numbers, patterns: flow.patterns, ...(flow.featurecode ? { featurecode: flow.featurecode } : {}) }));
    return { data, paging: pagingOf(page, data.length, found.next_page_token) };
  }

  async create(context: ApiContext): Promise<ApiReply> {
    const input = context.body as CallflowInput;
    const flow = await this.clients.flows.call(
      'createFlow',
      { body: { account_id: context.params.account_id!, name: input.name ?? '', numbers: input.numbers ?? [], patterns: input.patterns ?? [], flow: input.flow, ...(input.featurecode ? { featurecode: input.featurecode } : {}) } },
      { requestId: context.requestId },
    );
    return { data: callflowView(flow), status: 201 };
  }

  async get(context: ApiContext): Promise<ApiReply> {
    return { data: callflowView(await this.owned(context)) };
  }

  /** POST replaces the whole document: what it leaves out is cleared. */
  async replace(context: ApiContext): Promise<ApiReply> {
    const current = await this.owned(context);
    const input = context.body as CallflowInput;
    const flow = await this.clients.flows.call(
      'updateFlow',
      { params: { id: current.id }, body: { name: input.name ?? '', numbers: input.numbers ?? [], patterns: input.patterns ?? [], flow: input.flow, featurecode: input.featurecode ?? null } },
      { requestId: context.requestId },
    );
    return { data: callflowView(flow) };
  }

  async patch(context: ApiContext): Promise<ApiReply> {
    const current = await this.owned(context);
    const patch = context.body as z.infer<typeof callflowPatchSchema>;
    const featurecode = patch.featurecode === null ? undefined : (patch.featurecode ?? current.featurecode);
    const merged = {
      name: patch.name === null ? '' : (patch.name ?? current.name),
      numbers: patch.numbers === null ? [] : (patch.numbers ?? current.numbers),
      patterns: patch.patterns === null ? [] : (patch.patterns ?? current.patterns),
      flow: patch.flow ?? current.flow,
      ...(featurecode ? { featurecode } : {}),
    };
    // Full validation after the merge, as crossbar does.
    const checked = callflowInputSchema.parse(merged);
    const flow = await this.clients.flows.call('updateFlow', { params: { id: current.id }, body: { ...checked, featurecode: checked.featurecode ?? null } }, { requestId: context.requestId });
    return { data: callflowView(flow) };
  }

  async delete(context: ApiContext): Promise<ApiReply> {
    const current = await this.owned(context);
    return { data: callflowView(await this.clients.flows.call('deleteFlow', { params: { id: current.id } }, { requestId: context.requestId })) };
  }

  private async owned(context: ApiContext): Promise<Flow> {
    const id = foreignId(context.params.callflow_id, 'callflow');
    const flow = await this.clients.flows.call('getFlow', { params: { id } }, { requestId: context.requestId });
    ownedBy(flow, context.params.account_id!, 'callflow', id);
    if (flow.type !== 'callflow' || flow.tm_delete) throw HttpError.notFound(`callflow ${id} does not exist`, 'NOT_FOUND');
    return flow;
  }
}
