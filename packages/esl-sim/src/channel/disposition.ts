/**
 * sip_hangup_disposition as mod_sofia sets it, from which side ended the call: a
 * controller tells a caller's hangup (recv_*) from its own (send_*) by it.
 */
export function hangupDisposition(answered: boolean, direction: 'inbound' | 'outbound', by: 'local' | 'remote'): string {
  if (answered) return by === 'remote' ? 'recv_bye' : 'send_bye';
  if (by === 'remote') return direction === 'inbound' ? 'recv_cancel' : 'recv_refuse';
  return direction === 'inbound' ? 'send_refuse' : 'send_cancel';
}
