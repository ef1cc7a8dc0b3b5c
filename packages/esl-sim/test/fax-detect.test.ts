import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { EslSimulator, STOCK_MODULES, type EslEvent } from '../src/index.js';
import { EventLog } from './helpers/event-log.js';
import { RawClient } from './helpers/raw-client.js';

/** mod_spandsp's fax detection: a fax caller's CNG is heard, a person's call is not. */
describe('spandsp_start_fax_detect', () => {
  let sim: EslSimulator;
  let client: RawClient;
  let log: EventLog;
  let counter = 0;

  const start = async (modules: readonly string[], timeScale = 0.01) => {
    sim = new EslSimulator({ timeScale, modules: [...modules] });
    const { esl } = await sim.start();
    client = await RawClient.login(esl.port);
    log = new EventLog(sim);
  };

  beforeEach(async () => start(STOCK_MODULES));

  afterEach(async () => {
    log.stop();
    await client.close();
    await sim.stop();
  });

  const execute = async (uuid: string, app: string, arg: string): Promise<EslEvent> => {
    const appUuid = `app-${++counter}`;
    const reply = await client.command(`sendmsg ${uuid}\ncall-command: execute\nexecute-app-name: ${app}\nexecute-app-arg: ${arg}\nEvent-UUID: ${appUuid}`);
    expect(reply.headers['Reply-Text']).toBe('+OK');
    return log.waitForEvent('CHANNEL_EXECUTE_COMPLETE', uuid, (e) => e.get('Application-UUID') === appUuid, 10_000);
  };

  it("hears a fax caller's CNG: runs the app on the channel and fires DETECTED_TONE", async () => {
    const uuid = sim.placeCall({ from: '+15550001', to: '3000', fax_pages: 3 });
    await execute(uuid, 'spandsp_start_fax_detect', 'set fax_detected=true 5');
    expect(sim.getCall(uuid).answer_state).toBe('early');
    const tone = await log.waitForEvent('DETECTED_TONE', uuid, undefined, 10_000);
    expect(tone.get('Detected-Fax-Tone')).toBe('true');
    await log.waitForEvent('CHANNEL_EXECUTE_COMPLETE', uuid, (e) => e.get('Application') === 'set' && e.get('Application-Data') === 'fax_detected=true', 10_000);
    expect(sim.getCall(uuid).variables.fax_detected).toBe('true');
  });

  it('hears nothing from a person, nor CED from a calling fax', async () => {
    const person = sim.placeCall({ from: '+15550002', to: '3000' });
    await execute(person, 'spandsp_start_fax_detect', 'set fax_detected=true 2');
    const ced = sim.placeCall({ from: '+15550004', to: '3000', fax_pages: 1 });
    await execute(ced, 'spandsp_start_fax_detect', 'set fax_detected=true 5 ced');
    await execute(person, 'sleep', '3000');
    expect(log.events.filter((event) => event.name === 'DETECTED_TONE')).toEqual([]);
    for (const uuid of [person, ced]) expect(sim.getCall(uuid).variables.fax_detected).toBeUndefined();
  });

  it('hears nothing once stopped', async () => {
    log.stop();
    await client.close();
    await sim.stop();
    // Real time: the first CNG burst comes half a second after the start.
    await start(STOCK_MODULES, 1);
    const stopped = sim.placeCall({ from: '+15550003', to: '3000', fax_pages: 1 });
    await execute(stopped, 'spandsp_start_fax_detect', 'set fax_detected=true 5');
    await execute(stopped, 'spandsp_stop_fax_detect', '');
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(log.events.filter((event) => event.name === 'DETECTED_TONE')).toEqual([]);
    expect(sim.getCall(stopped).variables.fax_detected).toBeUndefined();
  });

  it('is not there without mod_spandsp: the call hangs up as for any unknown application', async () => {
    log.stop();
    await client.close();
    await sim.stop();
    await start(STOCK_MODULES.filter((module) => module !== 'mod_spandsp'));
    const uuid = sim.placeCall({ from: '+15550005', to: '3000', fax_pages: 1 });
    await client.command(`sendmsg ${uuid}\ncall-command: execute\nexecute-app-name: spandsp_start_fax_detect\nexecute-app-arg: set fax_detected=true 5`);
    await log.waitForEvent('CHANNEL_HANGUP', uuid, undefined, 10_000);
    expect(sim.getCall(uuid).hangup_cause).toBe('DESTINATION_OUT_OF_ORDER');
  });
});
