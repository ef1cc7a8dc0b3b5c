import type { customerManager } from '@voxmesh/contracts';

type Formatter = customerManager.ResourceFormatter;

export interface PresentedCallerId {
  number: string;
  name: string;
}

/**
 * The caller ID a carrier is sent, after its formatters (Kazoo's stepswitch
 * formatters, outbound): Kazoo's `outbound_caller_id_number` / `_name`, or the plain
 * `caller_id_number` / `_name`, each an object or a list of them.
 */
export function formatCallerId(callerId: PresentedCallerId, formatters: customerManager.Resource['formatters']): PresentedCallerId {
  const of = (...keys: string[]) => {
    const key = keys.find((name) => formatters !== undefined && Object.hasOwn(formatters, name));
    return key === undefined ? [] : [formatters![key]!].flat();
  };
  return {
    number: formatValue(callerId.number, of('outbound_caller_id_number', 'caller_id_number')),
    name: formatValue(callerId.name, of('outbound_caller_id_name', 'caller_id_name')),
  };
}

/**
 * The first outbound formatter that applies decides: `strip` empties the value; with a
 * `regex`, it applies only when the value matches, and its first capture (else the
 * whole match) is kept; without one, the whole value. A value nothing applies to is sent as it is.
 */
export function formatValue(value: string, formatters: readonly Formatter[]): string {
  for (const formatter of formatters) {
    if (formatter.direction === 'inbound') continue;
    if (formatter.strip === true) return '';
    let kept = value;
    if (formatter.regex !== undefined) {
      const match = new RegExp(formatter.regex).exec(value);
      if (!match) continue;
      kept = match[1] ?? match[0];
    }
    return `${formatter.prefix ?? ''}${kept}${formatter.suffix ?? ''}`;
  }
  return value;
}
