import type { FreeSwitchResponse } from 'esl';

/**
 * Calls `listener` once when the socket ends, however it ends. esl drops every
 * listener at the first of its end signals, so listening for the close alone misses a
 * socket esl ended itself.
 */
export function onClosed(connection: FreeSwitchResponse, listener: () => void): void {
  let called = false;
  const once = () => {
    if (called) return;
    called = true;
    listener();
  };
  for (const signal of ['socket.close', 'socket.end', 'socket.error', 'socket.write'] as const) connection.once(signal, once);
}
