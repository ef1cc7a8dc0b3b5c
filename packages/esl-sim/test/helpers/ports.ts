import net from 'node:net';

/** An ephemeral port that was free a moment ago, for servers that cannot report theirs. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0 }, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export const quietLogger = { debug: () => undefined, info: () => undefined, error: () => undefined };

/** Real time passing, for a test that must outlast a timeout. */
export const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
