import { afterEach, describe, expect, it } from '@jest/globals';
import { EslSimulator, STOCK_MODULES } from '../src/index.js';
import { RawClient } from './helpers/raw-client.js';

/** mod_soundtouch's `soundtouch` API command. */
describe('the soundtouch API', () => {
  let sim: EslSimulator;
  let client: RawClient;

  const start = async (modules: readonly string[]) => {
    sim = new EslSimulator({ timeScale: 0.01, modules: [...modules] });
    const { esl } = await sim.start();
    client = await RawClient.login(esl.port);
  };

  afterEach(async () => {
    await client.close();
    await sim.stop();
  });

  it('starts one effect at a time on a channel and stops it, refusing what the module refuses', async () => {
    await start([...STOCK_MODULES, 'mod_soundtouch']);
    const uuid = sim.placeCall({ from: '1000', to: '2000' });
    expect(await client.api(`soundtouch ${uuid}`)).toContain('-USAGE');
    expect(await client.api(`soundtouch ${uuid} stop`)).toContain('-USAGE');
    expect(await client.api(`soundtouch ${uuid} start send_leg`)).toContain('-USAGE');
    expect(await client.api(`soundtouch no-such start 1.2p`)).toBe('-ERR Cannot locate session!\n');
    expect(await client.api(`soundtouch ${uuid} start send_leg 1.2p -3s`)).toBe('+OK Success\n');
    expect(sim.getCall(uuid).variables['soundtouch']).toBe('send_leg 1.2p -3s');
    expect(await client.api(`soundtouch ${uuid} start 1.5t`)).toBe('-ERR Cannot run 2 at once on the same channel!\n');
    expect(await client.api(`soundtouch ${uuid} stop`)).toBe('+OK Success\n');
    expect(sim.getCall(uuid).variables['soundtouch']).toBeUndefined();
  });

  it('is unknown without mod_soundtouch', async () => {
    await start(STOCK_MODULES);
    const uuid = sim.placeCall({ from: '1000', to: '2000' });
    expect(await client.api(`soundtouch ${uuid} start 1.2p`)).toBe('-ERR soundtouch Command not found!\n');
  });
});
