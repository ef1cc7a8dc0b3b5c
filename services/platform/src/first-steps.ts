import type { StartedPlatform } from '@voxmesh/runtime';

/** The number the first-steps callflow answers, and the caller the simulator dials from. */
export const HELLO_NUMBER = '+15550100';
const CALLER = '+15550001';

/** Quotes a value for a POSIX shell (a path from -data_dir may hold spaces). */
function shellQuoted(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * The end of `npm start`'s banner: three commands a newcomer pastes into a shell (sign
 * in, make a callflow that speaks, place a simulated call to it) and where to look
 * next. Built from the banner's own lines, so the addresses are the ones in use; empty
 * when a part they need is not running.
 */
export function firstSteps(platform: StartedPlatform): string {
  const { lines } = platform;
  const api = /^(http:\/\/\S+)\/v2/.exec(lines['REST API'] ?? '')?.[1];
  const control = /^(http:\/\/\S+)/.exec(lines['esl-sim control'] ?? '')?.[1];
  const account = /^([0-9a-f]{32})/.exec(lines['master account'] ?? '')?.[1];
  const keyLine = lines['master API key'] ?? '';
  const kept = /^kept in (.+)$/.exec(keyLine)?.[1];
  // The line holds the key itself (one word) or a note of where it is kept.
  const key = kept ? `$(cat ${shellQuoted(kept)})` : /^[A-Za-z0-9._~+\/=-]+$/.test(keyLine) ? keyLine : undefined;
  if (!api || !control || !account || !key) return '';
  const auth = '-H "X-Auth-Token: $TOKEN"';
  const callflow = JSON.stringify({ data: { name: 'hello', numbers: [HELLO_NUMBER], flow: { module: 'tts', data: { text: 'Hello from voxmesh.' } } } });
  return [
    'First steps (paste into a shell):',
    `  TOKEN=$(curl -s -X PUT ${api}/v2/api_auth -d "{\\"data\\":{\\"api_key\\":\\"${key}\\"}}" | sed -E 's/.*"auth_token":"([^"]+)".*/\\1/')`,
    `  curl -s -X PUT ${api}/v2/accounts/${account}/callflows ${auth} -d '${callflow}'`,
    `  curl -s -X POST ${control}/calls -d '${JSON.stringify({ from: CALLER, to: HELLO_NUMBER })}'`,
    'Then see what happened:',
    `  curl -s ${api}/v2/accounts/${account}/calls ${auth}`,
    `  live events: ${lines.websockets ?? 'the websocket URL above'} (examples/call-events.mjs prints them)`,
    '',
  ].join('\n');
}
