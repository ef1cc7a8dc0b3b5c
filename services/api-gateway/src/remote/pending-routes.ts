/**
 * The uris the gateway sends for resources whose services have no contract yet. When a
 * service takes one over, these are the routes it is expected to serve (or the gateway
 * moves to that service's contract). Until then a missing queue answers 503, a live
 * service without the route 501.
 *
 * call-manager (voipbin's call-manager, plus Kazoo's channel commands):
 *   GET    /v1/calls?page_size&page_token   data {account_id}        → {result, next_page_token}
 *   POST   /v1/calls                        data {account_id, …}     → the call (or {calls, groupcalls})
 *   GET    /v1/calls/:id                                             → the call, with account_id
 *   DELETE /v1/calls/:id
 *   POST   /v1/calls/:id/{hangup,talk,play,digits,recording_start,recording_stop}   data {account_id, …}
 *   POST | DELETE /v1/calls/:id/{hold,mute}                          data {account_id, …}
 *   GET    /v1/channels                     data {account_id}        → {result}
 *   GET    /v1/channels/:id                                          → the channel, with account_id
 *   PUT    /v1/channels/:id                 data {account_id, action: "metaflow", data: node}
 *   POST   /v1/channels/:id                 data {account_id, action, …}  (transfer, hangup, break, callflow, intercept, move)
 *
 * flow-manager (metaflow documents and pivot debug logs):
 *   GET | PUT | DELETE /v1/accounts/:account_id/metaflows
 *   GET | PUT | DELETE /v1/accounts/:account_id/:owner_type/:owner_id/metaflows   (owner_type users, devices, callflows)
 *   GET    /v1/accounts/:account_id/pivot/debug[?page_size&page_token]
 *   GET    /v1/accounts/:account_id/pivot/debug/:call_id
 */
export const callsUri = '/v1/calls';
export const channelsUri = '/v1/channels';

export function metaflowsUri(accountId: string, owner?: { type: string; id: string }): string {
  const base = `/v1/accounts/${encodeURIComponent(accountId)}`;
  return owner ? `${base}/${owner.type}/${encodeURIComponent(owner.id)}/metaflows` : `${base}/metaflows`;
}

export function pivotDebugUri(accountId: string, callId?: string): string {
  const base = `/v1/accounts/${encodeURIComponent(accountId)}/pivot/debug`;
  return callId === undefined ? base : `${base}/${encodeURIComponent(callId)}`;
}
