import { runSameWorkServer, type SameWorkServerOptions } from './next-same-work.js';

/**
 * The same-work server's process: started by `sameWorkNext` with its options as the
 * one argument; says `ready <ids>` once it serves, and cleans up and exits when its
 * standard input closes.
 */
const options = JSON.parse(process.argv[2]!) as SameWorkServerOptions;
const server = await runSameWorkServer(options);
process.stdout.write(`ready ${JSON.stringify(server.ids)}\n`);
process.stdin.resume();
process.stdin.on('end', () => {
  void server.close().finally(() => process.exit(0));
});
