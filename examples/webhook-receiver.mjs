// A webhook receiver that checks each request's signature before trusting it.
//
//   node examples/webhook-receiver.mjs        (with npm start running in this directory)
//
// It subscribes the account to call events (a Kazoo `channel_create` hook) at this
// server and prints each event it receives, with whether its signature is good.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import { callCommand, listen, signIn } from './lib/platform.mjs';

const HOOK_NAME = 'example webhook receiver';

/**
 * `X-Webhook-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + content)>`,
 * content being the raw body (or, for a GET, the raw query string). An old timestamp is
 * refused too, so a captured request cannot be replayed later.
 */
function verified(secret, header, content, toleranceSeconds = 300) {
  const parts = new Map((header ?? '').split(',').map((part) => part.trim().split('=', 2)));
  const t = Number(parts.get('t'));
  if (!Number.isSafeInteger(t) || Math.abs(Date.now() / 1000 - t) > toleranceSeconds) return false;
  const expected = createHmac('sha256', secret).update(`${t}.`).update(content).digest();
  const given = Buffer.from(parts.get('v1') ?? '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const client = await signIn();
const { webhook_secret: secret } = await client.request('GET', '/webhook_secret');

const server = createServer(async (request, response) => {
  const chunks = [];
  for await (const chunk of request) chunks.push(chunk);
  const url = new URL(request.url ?? '/', 'http://receiver');
  const content = request.method === 'GET' ? url.search.slice(1) : Buffer.concat(chunks);
  const good = verified(secret, request.headers['x-webhook-signature'], content);
  const event = request.headers['x-hook-event'] ?? '?';
  console.log(`${good ? 'signature verified' : 'signature REJECTED'}: ${event} event ${request.headers['x-event-id'] ?? ''} (${request.method}, ${content.length} bytes)`);
  if (good && request.method !== 'GET') console.log(`  ${Buffer.concat(chunks).toString('utf8').slice(0, 300)}`);
  response.writeHead(good ? 200 : 401).end();
});

const port = await listen(server, 3400);
const uri = `http://127.0.0.1:${port}/hook`;
for (const hook of await client.request('GET', '/webhooks')) {
  if (hook.name === HOOK_NAME) await client.request('DELETE', `/webhooks/${hook.id}`);
}
await client.request('PUT', '/webhooks', { name: HOOK_NAME, uri, hook: 'channel_create', http_verb: 'post', format: 'json' });
console.log(`receiver ready: call events of account ${client.accountId} are posted to ${uri}`);
console.log(`place a call:   ${callCommand('+15550100')}`);
