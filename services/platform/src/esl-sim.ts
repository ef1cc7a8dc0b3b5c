import { createServer, type AddressInfo } from 'node:net';
import { checkListenAddr, type FlagValue } from '@voxmesh/config';
import { EslSimulator, STOCK_MODULES } from '@voxmesh/esl-sim';
import type { RunningService, ServiceContext, ServiceModule } from '@voxmesh/runtime';

/** Where call-manager's outbound-socket server is reached from the simulator (`:8084` is this host's 8084). */
function reachable(listenAddr: string): string {
  const at = listenAddr.lastIndexOf(':');
  const host = listenAddr.slice(0, at);
  const port = listenAddr.slice(at + 1);
  return `${host === '' || host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${port}`;
}

/** A port nobody listens on now on `host` (all interfaces when empty). */
async function unusedPort(host: string): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host === '' ? undefined : host.replace(/^\[|\]$/g, ''), () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const positive = (value: FlagValue) => (Number(value) > 0 && Number.isFinite(Number(value)) ? undefined : 'must be a positive number');

/**
 * esl-sim as the platform's media server: FreeSWITCH cannot run here, so `npm start`
 * runs the simulator in its place, its event socket where call-manager's -esl_addr
 * looks (:8021), its control API on :8022 for placing calls, and each inbound call
 * handed to call-manager's outbound-socket server (-esl_listen_addr) as FreeSWITCH's
 * dialplan `socket … async full` would. It starts before call-manager and stops after it.
 */
export const eslSimModule: ServiceModule = {
  name: 'esl-sim',
  description: 'FreeSWITCH event-socket simulator',
  flags: [
    { name: 'esl_sim_listen_addr', type: 'string', usage: "esl-sim's event socket (point call-manager's -esl_addr at it).", default: ':8021', check: (value) => checkListenAddr(String(value)) },
    { name: 'esl_sim_control_listen_addr', type: 'string', usage: "esl-sim's HTTP control API (POST /calls places a call).", default: ':8022', check: (value) => checkListenAddr(String(value)) },
    { name: 'esl_sim_time_scale', type: 'string', usage: 'esl-sim real time per simulated time (1 is real time).', default: '1', check: positive },
  ],
  async linkFlags(flags, explicit) {
    // call-manager dials the simulator: moving its event socket moves where call-manager looks.
    if (explicit.has('esl_sim_listen_addr') && !explicit.has('esl_addr')) {
      flags.esl_addr = reachable(String(flags.esl_sim_listen_addr));
      explicit.add('esl_addr');
    }
    // The simulator hands each call to call-manager's outbound-socket server, which starts
    // after it: an ephemeral port there is chosen now, so both know it.
    const outbound = String(flags.esl_listen_addr ?? ':8084');
    if (outbound.endsWith(':0')) flags.esl_listen_addr = `${outbound.slice(0, -2)}:${await unusedPort(outbound.slice(0, -2))}`;
  },
  async start(context: ServiceContext): Promise<RunningService> {
    const flags = context.flags;
    const password = String(flags.esl_password ?? 'ClueCon');
    const appAddr = reachable(String(flags.esl_listen_addr ?? ':8084'));
    const simulator = new EslSimulator({
      eslListenAddr: String(flags.esl_sim_listen_addr ?? ':8021'),
      eslPassword: password,
      appAddrs: [appAddr],
      controlListenAddr: String(flags.esl_sim_control_listen_addr ?? ':8022'),
      timeScale: Number(flags.esl_sim_time_scale ?? 1),
      // A switch with the optional modules call-manager can use, so every action works in the demo.
      modules: [...STOCK_MODULES, 'mod_amd', 'mod_audio_fork', 'mod_http_cache'],
      logger: context.logger,
    });
    const { esl, control } = await simulator.start();
    const local = (host: string) => (host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host);
    // An ephemeral event socket (port 0) is known only now; call-manager, started next, dials it.
    const linked = reachable(String(flags.esl_sim_listen_addr ?? ':8021'));
    if (flags.esl_addr === linked && linked.endsWith(':0')) flags.esl_addr = `${local(esl.host)}:${esl.port}`;
    return {
      describe: () => ({
        'esl-sim': `FreeSWITCH simulator: event socket ${local(esl.host)}:${esl.port} (password ${password}), calls handed to ${appAddr}`,
        'esl-sim control': control ? `http://${local(control.host)}:${control.port} (POST /calls {"from", "to"} places a call)` : 'off',
      }),
      stop: () => simulator.stop(),
    };
  },
};
