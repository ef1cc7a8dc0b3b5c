import { afterEach, beforeEach, expect } from '@jest/globals';
import { EslSimulator, type EslEvent, type EslSimulatorOptions } from '../../src/index.js';
import { EventLog } from './event-log.js';
import { RawClient } from './raw-client.js';

/**
 * A simulated switch made anew for each test of the describe that calls this, with an
 * inbound client logged in and a log of its events, and the sendmsg `execute` the
 * application tests drive it with. `restart` makes it again with other options (a switch
 * without a module, say).
 */
export function switchUnderTest(options: EslSimulatorOptions = { timeScale: 0.01 }) {
  let sim: EslSimulator | undefined;
  let client: RawClient | undefined;
  let log: EventLog | undefined;
  let counter = 0;

  const start = async (with_: EslSimulatorOptions) => {
    sim = new EslSimulator(with_);
    const { esl } = await sim.start();
    client = await RawClient.login(esl.port);
    log = new EventLog(sim);
  };
  const stop = async () => {
    log?.stop();
    await client?.close();
    await sim?.stop();
  };

  beforeEach(() => start(options));
  afterEach(stop);

  const sw = {
    get sim(): EslSimulator {
      return sim!;
    },
    get client(): RawClient {
      return client!;
    },
    get log(): EventLog {
      return log!;
    },
    async restart(with_: EslSimulatorOptions): Promise<void> {
      await stop();
      await start(with_);
    },
    /** Queues an application by sendmsg (the switch must take it) and returns its Event-UUID. */
    async send(uuid: string, app: string, arg?: string, extraHeaders = ''): Promise<string> {
      const appUuid = `app-${++counter}`;
      const argLine = arg === undefined ? '' : `execute-app-arg: ${arg}\n`;
      const reply = await client!.command(`sendmsg ${uuid}\ncall-command: execute\nexecute-app-name: ${app}\n${argLine}Event-UUID: ${appUuid}${extraHeaders}`);
      expect(reply.headers['Reply-Text']).toBe('+OK');
      return appUuid;
    },
    /** The CHANNEL_EXECUTE_COMPLETE of an application `send` queued. */
    completion(uuid: string, appUuid: string, timeoutMs = 5000): Promise<EslEvent> {
      return log!.waitForEvent('CHANNEL_EXECUTE_COMPLETE', uuid, (e) => e.get('Application-UUID') === appUuid, timeoutMs);
    },
    /** Queues an application and resolves with its CHANNEL_EXECUTE_COMPLETE. */
    async execute(uuid: string, app: string, arg?: string, timeoutMs = 5000): Promise<EslEvent> {
      return sw.completion(uuid, await sw.send(uuid, app, arg), timeoutMs);
    },
  };
  return sw;
}
