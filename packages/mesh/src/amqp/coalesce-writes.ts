import type { Duplex } from 'node:stream';

/**
 * amqplib writes every frame batch to the socket on its own, so under load each
 * message costs a system call. Corking the socket on the first write of a tick and
 * uncorking on the next tick sends everything written in that tick as one writev:
 * no added latency (the same macrotask flushes it) and far fewer calls into the kernel.
 *
 * amqplib keeps the socket at `connection.connection.stream` (a Duplex); when a future
 * version moves it, this does nothing rather than fail.
 */
export function coalesceWrites(model: unknown): boolean {
  const stream = (model as { connection?: { stream?: Duplex } }).connection?.stream;
  if (!stream || typeof stream.cork !== 'function' || typeof stream.uncork !== 'function') return false;
  const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
  let corked = false;
  const uncork = () => {
    corked = false;
    stream.uncork();
  };
  stream.write = ((...args: unknown[]) => {
    if (!corked) {
      corked = true;
      stream.cork();
      process.nextTick(uncork);
    }
    return write(...args);
  }) as Duplex['write'];
  return true;
}
