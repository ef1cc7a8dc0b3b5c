import type { flowManager } from '@voxmesh/contracts';

export interface MetaflowHit {
  node: flowManager.CallflowNode;
  /** The node's data with what the key presses add: `collected`, `captured` and `captures` for a pattern, `dtmf_leg` always. */
  data: Record<string, unknown>;
}

/**
 * The node the collected digits (without the binding digit) name: an exact key of
 * `numbers` first, then the first of `patterns`, in key order, whose regex matches
 * (unanchored unless the pattern anchors itself, as Kazoo's re:run).
 */
export function findMetaflow(document: flowManager.Metaflows, collected: string, dtmfLeg: string): MetaflowHit | undefined {
  const numbers = document.numbers ?? {};
  if (Object.hasOwn(numbers, collected)) {
    const node = numbers[collected]!;
    return { node, data: { ...node.data, dtmf_leg: dtmfLeg } };
  }
  for (const [pattern, node] of Object.entries(document.patterns ?? {})) {
    let match: RegExpExecArray | null;
    try {
      match = new RegExp(pattern).exec(collected);
    } catch {
      continue;
    }
    if (!match) continue;
    const captures = match.slice(1).filter((capture): capture is string => capture !== undefined);
    return { node, data: { ...node.data, collected, captured: captures, captures, dtmf_leg: dtmfLeg } };
  }
  return undefined;
}
