// What every example needs of a running `npm start`: where it is, and a signed-in client.
// Addresses default to npm start's; the VOXMESH_* variables point elsewhere.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const settings = {
  api: process.env.VOXMESH_API ?? 'http://127.0.0.1:8000',
  websockets: process.env.VOXMESH_WS ?? 'ws://127.0.0.1:5555',
  simulator: process.env.VOXMESH_SIMULATOR ?? 'http://127.0.0.1:8022',
};

/** The master API key: VOXMESH_API_KEY, or the one npm start keeps in ./.voxmesh. */
function masterKey() {
  if (process.env.VOXMESH_API_KEY) return process.env.VOXMESH_API_KEY;
  const file = join(process.env.VOXMESH_DATA_DIR ?? '.voxmesh', 'master-api-key');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    throw new Error(`no API key: set VOXMESH_API_KEY, or run this from where npm start keeps ${file}`);
  }
}

/** Reads a JSON reply, with the request named when it is not JSON. */
async function replyOf(response, what) {
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${what} answered ${response.status}: ${text.slice(0, 200)}`);
  }
}

/** Signs in with the master key; the client speaks the REST API as that account. */
export async function signIn() {
  const response = await fetch(`${settings.api}/v2/api_auth`, { method: 'PUT', body: JSON.stringify({ data: { api_key: masterKey() } }) });
  const reply = await replyOf(response, 'sign-in');
  if (response.status !== 201) throw new Error(`sign-in refused (${response.status}): ${reply.message ?? ''}`);
  const token = reply.auth_token;
  const accountId = reply.data.account_id;
  const request = async (method, path, data) => {
    const answer = await fetch(`${settings.api}/v2/accounts/${accountId}${path}`, {
      method,
      headers: { 'x-auth-token': token, 'content-type': 'application/json' },
      ...(data === undefined ? {} : { body: JSON.stringify({ data }) }),
    });
    const body = await replyOf(answer, `${method} ${path}`);
    if (answer.status >= 300) throw new Error(`${method} ${path} answered ${answer.status}: ${JSON.stringify(body.data ?? body.message)}`);
    return body.data;
  };
  return { token, accountId, request };
}

/** Makes (or remakes) a callflow answering `number`: one an earlier run made is replaced. */
export async function callflowFor(client, number, name, flow) {
  for (const existing of await client.request('GET', '/callflows')) {
    if ((existing.numbers ?? []).includes(number)) await client.request('DELETE', `/callflows/${existing.id}`);
  }
  return client.request('PUT', '/callflows', { name, numbers: [number], flow });
}

/** The shell command that places a simulated call to `number`. */
export function callCommand(number) {
  return `curl -s -X POST ${settings.simulator}/calls -d '{"from":"+15550001","to":"${number}"}'`;
}

/** Listens on PORT (or `fallback`; 0 picks a free port) on this machine; resolves with the port. */
export function listen(server, fallback) {
  const port = Number(process.env.PORT ?? fallback);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server.address().port));
  });
}
