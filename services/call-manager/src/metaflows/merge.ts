import type { flowManager } from '@voxmesh/contracts';

type Metaflows = flowManager.Metaflows;

/**
 * Kazoo's merge of the `metaflows` attribute: each later document wins key by key,
 * `numbers` and `patterns` merged entry by entry (a later entry replaces the whole node).
 */
export function mergeMetaflows(layers: readonly Metaflows[]): Metaflows {
  const merged: Metaflows = {};
  for (const layer of layers) {
    if (layer.numbers) merged.numbers = { ...merged.numbers, ...layer.numbers };
    if (layer.patterns) merged.patterns = { ...merged.patterns, ...layer.patterns };
    if (layer.binding_digit !== undefined) merged.binding_digit = layer.binding_digit;
    const timeout = layer.digit_timeout_ms ?? layer.digit_timeout;
    if (timeout !== undefined) merged.digit_timeout_ms = timeout;
    if (layer.listen_on !== undefined) merged.listen_on = layer.listen_on;
  }
  return merged;
}

/** Whether a document gives a key press anything to do. */
export function hasEntries(document: Metaflows): boolean {
  return Object.keys(document.numbers ?? {}).length > 0 || Object.keys(document.patterns ?? {}).length > 0;
}
