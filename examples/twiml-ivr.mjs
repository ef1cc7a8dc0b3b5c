// A TwiML IVR: the platform asks this server what a call does next and it answers in
// TwiML, as a Twilio voice webhook does. It greets the caller with <Gather>, then the
// digit pressed comes back to <Gather action> as `Digits` and picks the branch.
//
//   node examples/twiml-ivr.mjs        (with npm start running in this directory)
//
// It makes a callflow for +15550300 that pivots here with `req_format: twiml`, and prints
// how to call it. A Twilio app ported to voxmesh keeps its TwiML and its request names
// (CallSid, From, To, Digits); the request carries X-Twilio-Signature too.
import { createServer } from 'node:http';
import { callCommand, callflowFor, listen, settings, signIn } from './lib/platform.mjs';

const NUMBER = process.env.TWIML_NUMBER ?? '+15550300';

/** Text for inside an XML element. */
const xml = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const response = (verbs) => `<?xml version="1.0" encoding="UTF-8"?><Response>${verbs}</Response>`;

function greeting(base) {
  return response(
    `<Gather numDigits="1" timeout="8" action="${base}/choice" method="POST">` +
      `<Say>${xml('Welcome to the TwiML example line. Press 1 for sales, 2 for support.')}</Say>` +
      `</Gather><Say>${xml('We did not hear a key. Goodbye.')}</Say><Hangup/>`,
  );
}

function choice(digit) {
  if (digit === '1') return response(`<Say>${xml('Sales. Our team will call you back within the hour. Goodbye.')}</Say><Hangup/>`);
  if (digit === '2') return response(`<Say>${xml('Support. Please describe your problem after the tone. Goodbye.')}</Say><Hangup/>`);
  return response(`<Say>${xml('Sorry, that is not an option. Goodbye.')}</Say><Hangup/>`);
}

/** TwiML requests send Twilio's fields in the query string (GET) or a form body (POST). */
async function fieldsOf(request, url) {
  if (request.method !== 'POST') return url.searchParams;
  let body = '';
  for await (const chunk of request) body += chunk;
  return new URLSearchParams(body);
}

let base = '';
const server = createServer(async (request, reply) => {
  const url = new URL(request.url ?? '/', base);
  const fields = await fieldsOf(request, url);
  let answer;
  if (url.pathname === '/voice') answer = greeting(base);
  else if (url.pathname === '/choice') answer = choice(fields.get('Digits') ?? '');
  if (!answer) {
    reply.writeHead(404).end();
    return;
  }
  const digit = url.pathname === '/choice' ? ` digit=${fields.get('Digits') || '(none)'}` : '';
  console.log(`twiml ${request.method} ${url.pathname} CallSid=${fields.get('CallSid') ?? ''}${digit}`);
  reply.writeHead(200, { 'content-type': 'text/xml' }).end(answer);
});

const port = await listen(server, 3301);
base = `http://127.0.0.1:${port}`;
const client = await signIn();
await callflowFor(client, NUMBER, 'example TwiML IVR', { module: 'pivot', data: { voice_url: `${base}/voice`, req_format: 'twiml', method: 'post' } });
console.log(`TwiML IVR ready: ${NUMBER} pivots to ${base}/voice`);
console.log(`call it:   ${callCommand(NUMBER)}`);
console.log(`press a key: curl -s -X POST ${settings.simulator}/calls/<uuid it answered>/dtmf -d '{"digits":"1"}'`);
