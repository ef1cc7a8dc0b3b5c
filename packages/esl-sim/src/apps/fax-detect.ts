import type { Session } from '../core/session.js';
import type { AppHandler } from './types.js';

/** A calling fax sends CNG (1100 Hz) for half a second every three and a half (T.30): the first burst is heard this soon. */
const CNG_HEARD_AFTER_MS = 500;
const running = new WeakMap<Session, () => void>();
const ORIGIN = { file: 'mod_spandsp_dsp.c', func: 'tone_detect_callback', line: 838 };

/**
 * `spandsp_start_fax_detect <app> <arg> [<timeout> [ced|cng]]` (mod_spandsp,
 * spandsp_fax_detect_session_function → spandsp_fax_detect_session): pre-answers and
 * starts a media bug listening for the fax tone (CNG by default), so it returns at
 * once. On the tone, tone_detect_callback runs `<app> <arg>` on the channel and fires
 * DETECTED_TONE with `Detected-Fax-Tone: true`; after `<timeout>` seconds (0: never) the
 * bug goes without a word. Fewer than two arguments start nothing. A caller placed as a
 * fax machine (`fax_pages`) sends CNG; nobody here sends CED, which an answering fax
 * would, so `ced` detection never fires on a call's caller.
 */
export const spandspStartFaxDetect: AppHandler = async ({ session }, arg) => {
  const args = arg.trim().split(/\s+/);
  if (args.length < 2 || args[0] === '') return;
  const [app, data] = [args[0]!, args[1]!];
  const timeoutSec = Math.max(0, Number.parseInt(args[2] ?? '0', 10) || 0);
  const tone = args[3] === 'ced' ? 'ced' : 'cng';
  // spandsp_fax_detect_session refuses a second detector on the channel ("Max Tones Reached!").
  if (running.has(session)) return;
  if (!session.channel.answered) session.preAnswer();
  const clock = session.core.clock;
  const hears = tone === 'cng' && session.faxPages !== undefined;
  const stop = () => {
    cancelTone();
    cancelExpiry();
    running.delete(session);
  };
  const cancelTone = hears
    ? clock.schedule(CNG_HEARD_AFTER_MS, () => {
        if (!session.up || !running.has(session)) return;
        stop();
        // switch_core_session_execute_application_async: the app runs on the channel now, with its EXECUTE events.
        void session.runApp(app, data);
        session.fire('DETECTED_TONE', [['Detected-Fax-Tone', 'true']], { origin: ORIGIN });
      })
    : () => undefined;
  const cancelExpiry = timeoutSec > 0 ? clock.schedule(timeoutSec * 1000, stop) : () => undefined;
  running.set(session, stop);
  void session.hungUp.then(stop);
};

/** `spandsp_stop_fax_detect` (spandsp_fax_stop_detect_session): removes the detector, if any. */
export const spandspStopFaxDetect: AppHandler = async ({ session }) => {
  running.get(session)?.();
};
