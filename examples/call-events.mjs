// Prints a call's events as they happen, from the platform's websocket (Kazoo's
// blackhole protocol: sign in, subscribe to `call.*.*`, receive one frame per event).
//
//   node examples/call-events.mjs        (with npm start running in this directory)
import { spawnSync } from 'node:child_process';
import { callCommand, settings, signIn } from './lib/platform.mjs';

// Node 22 has a global WebSocket; Node 20 has it behind a flag, so run again with it.
if (typeof WebSocket === 'undefined') {
  const again = spawnSync(process.execPath, ['--experimental-websocket', '--no-warnings=ExperimentalWarning', ...process.argv.slice(1)], { stdio: 'inherit' });
  process.exit(again.status ?? 1);
}

const client = await signIn();
const socket = new WebSocket(settings.websockets);
socket.addEventListener('open', () => {
  socket.send(JSON.stringify({ action: 'subscribe', auth_token: client.token, request_id: 'example', data: { account_id: client.accountId, binding: 'call.*.*' } }));
});
socket.addEventListener('message', (message) => {
  const frame = JSON.parse(String(message.data));
  if (frame.action === 'reply') {
    if (frame.status !== 'success') {
      console.error(`subscription refused: ${JSON.stringify(frame.data)}`);
      process.exit(1);
    }
    console.log(`listening to the calls of account ${client.accountId} on ${settings.websockets}`);
    console.log(`place a call:  ${callCommand('+15550100')}`);
    return;
  }
  const data = frame.data ?? {};
  console.log(`${frame.name} call ${data.call_id} from ${data.caller_id_number ?? data.from} to ${data.callee_id_number ?? data.to}`);
});
socket.addEventListener('close', () => process.exit(0));
socket.addEventListener('error', () => {
  console.error(`could not reach ${settings.websockets}`);
  process.exit(1);
});
