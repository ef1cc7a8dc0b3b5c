import { parentPort, workerData } from 'node:worker_threads';
import { EslSimulator, type EslSimulatorOptions } from '@voxmesh/esl-sim';

/**
 * esl-sim on a thread of its own, as FreeSWITCH runs on a machine of its own: the calls
 * bench measures the platform, not the simulator sharing its event loop. Requests come
 * as `{id, op, args}` and are answered `{id, result}` or `{id, error}`.
 */
const sim = new EslSimulator(workerData as EslSimulatorOptions);

type Op = 'start' | 'stop' | 'placeCall' | 'hangup';

parentPort!.on('message', (message: { id: number; op: Op; args: unknown[] }) => {
  void (async () => {
    try {
      let result: unknown;
      if (message.op === 'start') result = await sim.start();
      else if (message.op === 'stop') result = await sim.stop();
      else if (message.op === 'placeCall') result = sim.placeCall(message.args[0] as Parameters<EslSimulator['placeCall']>[0]);
      else sim.hangup(message.args[0] as string);
      parentPort!.postMessage({ id: message.id, result });
    } catch (error) {
      parentPort!.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) });
    }
  })();
});
