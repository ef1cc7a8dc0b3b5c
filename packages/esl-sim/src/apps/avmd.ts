import type { Session } from '../core/session.js';
import type { AppHandler } from './types.js';

/** A machine's greeting ends in its beep this long after detection starts. */
const BEEP_AFTER_MS = 3000;
const running = new WeakMap<Session, () => void>();

function fireAvmd(session: Session, subclass: string, headers: [string, string][] = []): void {
  session.fire('CUSTOM', headers, { subclass, origin: { file: 'mod_avmd.c', func: 'avmd_fire_event', line: 400 } });
}

/**
 * `avmd [start|stop]` (mod_avmd, voicemail beep detection): a media bug, so it
 * returns at once. On a call that reaches a machine, `avmd::beep` follows and
 * `avmd_detect` becomes TRUE; `avmd::stop` reports whether a beep was heard.
 */
export const avmd: AppHandler = async ({ session }, arg) => {
  const command = arg.trim().toLowerCase() || (running.has(session) ? 'stop' : 'start');
  const ch = session.channel;
  if (command === 'stop') {
    const cancel = running.get(session);
    if (!cancel) return;
    cancel();
    running.delete(session);
    fireAvmd(session, 'avmd::stop', [
      ['Beep-Status', ch.getVariable('avmd_detect') === 'TRUE' ? 'DETECTED' : 'NOTDETECTED'],
      ['Stop-status', 'AVMD_STOP_SUCCESS'],
    ]);
    return;
  }
  if (command !== 'start' || running.has(session)) return;
  ch.setVariable('avmd_detect', 'FALSE');
  fireAvmd(session, 'avmd::start');
  const cancel =
    session.amd === 'machine'
      ? session.core.clock.schedule(BEEP_AFTER_MS, () => {
          if (!session.up) return;
          ch.setVariable('avmd_detect', 'TRUE');
          fireAvmd(session, 'avmd::beep', [
            ['Beep-Status', 'DETECTED'],
            ['Frequency', '1000.000000'],
            ['Frequency-variance', '0.000000'],
            ['Amplitude', '0.500000'],
            ['Amplitude-variance', '0.000000'],
            ['Detection-time', String(BEEP_AFTER_MS)],
          ]);
        })
      : () => undefined;
  running.set(session, cancel);
  void session.hungUp.then(() => {
    running.get(session)?.();
    running.delete(session);
  });
};
