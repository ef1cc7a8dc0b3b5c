// A Pivot IVR: the platform asks this server what a call does next, and it answers in
// Kazoo's callflow JSON. It greets the caller, collects one digit, and branches on it.
//
//   node examples/pivot-ivr.mjs        (with npm start running in this directory)
//
// It makes a callflow for +15550200 that pivots here, and prints how to call it.
import { createServer } from 'node:http';
import { callCommand, callflowFor, listen, settings, signIn } from './lib/platform.mjs';

const NUMBER = process.env.IVR_NUMBER ?? '+15550200';

const say = (text, next) => ({ module: 'tts', data: { text }, ...(next ? { children: { _: next } } : {}) });

/** The first answer: greet, then collect a digit and pivot back here with it. */
function greeting(base) {
  return say('Welcome to the example line. Press 1 for sales, 2 for support.', {
    module: 'collect_dtmf',
    data: { max_digits: 1, timeout: 8000 },
    children: { _: { module: 'pivot', data: { voice_url: `${base}/choice` } } },
  });
}

/** The second answer: the digit collected (sent as Digits[default]) picks the branch. */
function choice(digit) {
  if (digit === '1') return say('Sales. Our team will call you back within the hour. Goodbye.', { module: 'hangup' });
  if (digit === '2') return say('Support. Please describe your problem after the tone. Goodbye.', { module: 'hangup' });
  return say('Sorry, that is not an option. Goodbye.', { module: 'hangup' });
}

/** Pivot sends its fields in the query string (GET) or the body (POST, form or JSON). */
async function fieldsOf(request, url) {
  if (request.method !== 'POST') return url.searchParams;
  let body = '';
  for await (const chunk of request) body += chunk;
  if (!(request.headers['content-type'] ?? '').includes('json')) return new URLSearchParams(body);
  const json = JSON.parse(body);
  return new URLSearchParams({ 'Digits[default]': json.Digits?.default ?? '', CallID: json['Call-ID'] ?? json.CallID ?? '' });
}

let base = '';
const server = createServer(async (request, response) => {
  const url = new URL(request.url ?? '/', base);
  const fields = await fieldsOf(request, url);
  let answer;
  if (url.pathname === '/ivr') answer = greeting(base);
  else if (url.pathname === '/choice') answer = choice(fields.get('Digits[default]') ?? '');
  if (!answer) {
    response.writeHead(404).end();
    return;
  }
  console.log(`pivot ${request.method} ${url.pathname}${url.pathname === '/choice' ? ` digit=${fields.get('Digits[default]') || '(none)'}` : ''} -> ${answer.data.text}`);
  response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
});

const port = await listen(server, 3300);
base = `http://127.0.0.1:${port}`;
const client = await signIn();
await callflowFor(client, NUMBER, 'example pivot IVR', { module: 'pivot', data: { voice_url: `${base}/ivr` } });
console.log(`IVR ready: ${NUMBER} pivots to ${base}/ivr`);
console.log(`call it:   ${callCommand(NUMBER)}`);
console.log(`press a key: curl -s -X POST ${settings.simulator}/calls/<uuid it answered>/dtmf -d '{"digits":"1"}'`);
