import { callManager, flowManager } from '@voxmesh/contracts';
import { VoipError } from '@voxmesh/wire';
import type { HeldCall } from '../calls/live-call.js';
import { metaflowHandlers, type MetaflowHandlers } from './modules/index.js';
import type { MetaflowOutcome, MetaflowRun, MetaflowRunDeps } from './modules/types.js';

/** How many nodes one run may follow: a document's children are a tree, but a long one is cut off. */
const MAX_NODES = 32;

/**
 * The node's module and data checked against the konami catalog: an unknown module
 * or data that does not fit is refused naming the field (under
 * `prefix`, the node's place in the request).
 */
export function checkNode(node: flowManager.CallflowNode, prefix: string): { module: callManager.RunnableMetaflowModule; data: Record<string, unknown> } {
  if (!flowManager.isMetaflowModule(node.module)) {
    throw VoipError.invalidArgument(`${prefix}module`, `${prefix}module: unknown metaflow module ${node.module.slice(0, 64)}; one of ${flowManager.metaflowModules.join(', ')}`);
  }
  const parsed = flowManager.metaflowModuleCatalog[node.module].data.safeParse(node.data ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = [`${prefix}data`, ...issue.path.map(String)].join('.');
    throw VoipError.invalidArgument(field, `${field}: ${issue.message}`);
  }
  return { module: node.module as callManager.RunnableMetaflowModule, data: parsed.data as Record<string, unknown> };
}

/**
 * Runs a metaflow node on a call, as konami_code_exe does: the module, then the child
 * its outcome names (`_` on continue, the branch's key or else `_`), until a module
 * stops or no child is left. Call from the call's queue.
 */
export class MetaflowRunner {
  constructor(
    private readonly deps: MetaflowRunDeps,
    private readonly handlers: MetaflowHandlers = metaflowHandlers,
  ) {}

  async run(call: HeldCall, node: flowManager.CallflowNode, extra: Record<string, unknown> = {}): Promise<void> {
    let current: flowManager.CallflowNode | undefined = node;
    for (let step = 0; current !== undefined && step < MAX_NODES && !call.ending; step++) {
      const checked = checkNode(current, '');
      const handler = this.handlers[checked.module] as (run: MetaflowRun<callManager.RunnableMetaflowModule>) => Promise<MetaflowOutcome>;
      const outcome = await handler({ call, data: { ...checked.data, ...extra } as MetaflowRun<callManager.RunnableMetaflowModule>['data'], deps: this.deps });
      if (outcome === 'stop') return;
      const children: Record<string, flowManager.CallflowNode> = current.children ?? {};
      const key = outcome === 'continue' ? '_' : outcome.branch;
      current = Object.hasOwn(children, key) ? children[key] : Object.hasOwn(children, '_') ? children['_'] : undefined;
    }
  }
}
