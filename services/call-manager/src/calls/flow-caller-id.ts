/** The caller id parts a flow hands a ringing action (flow-manager's set_cid, prepend_cid variables). */
export interface FlowCallerIdOption {
  number?: string | undefined;
  name?: string | undefined;
  number_prefix?: string | undefined;
  name_prefix?: string | undefined;
}

/**
 * The caller id the rung legs present when the flow set or prefixed one: the flow's
 * number and name, else the call's own, each behind its prefix (flow-manager's
 * currentCallerId reads them the same way). Undefined when the flow set nothing, so the
 * switch presents the caller's own. Characters that would split or open a dial string's
 * variable block are dropped.
 */
export function flowCallerId(set: FlowCallerIdOption | undefined, source: { target: string; target_name?: string | undefined }): { number: string; name: string } | undefined {
  const clean = (value: string | undefined) => (value ?? '').replace(/[[\]{}|'"\r\n]/g, '');
  const number = clean(set?.number);
  const name = clean(set?.name);
  const numberPrefix = clean(set?.number_prefix);
  const namePrefix = clean(set?.name_prefix);
  if (number === '' && name === '' && numberPrefix === '' && namePrefix === '') return undefined;
  const baseNumber = number || clean(source.target);
  const baseName = name || clean(source.target_name) || baseNumber;
  // SIP user parts and display names stay short; 64 and 128 characters as the bridge's own caller_id_number and _name.
  return { number: baseNumber === '' ? '' : (numberPrefix + baseNumber).slice(0, 64), name: baseName === '' ? '' : (namePrefix + baseName).slice(0, 128) };
}
