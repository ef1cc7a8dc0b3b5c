import type { SimClock } from '../clock.js';
import type { Header } from '../protocol/event.js';
import { writeRecordingFile } from './recording-file.js';
import { origin, type FiringSession } from './session-part.js';

interface ActiveRecording {
  startedMicros: number;
  cancelLimit: (() => void) | undefined;
  index: number;
}

/** A session's recording media bugs (record_session, uuid_record), by file path. */
export class Recordings {
  private readonly active = new Map<string, ActiveRecording>();

  constructor(
    private readonly session: FiringSession,
    private readonly clock: SimClock,
  ) {}

  /** Starts a recording media bug: RECORD_START. */
  start(path: string, limitMs?: number): void {
    if (!this.session.up || this.active.has(path)) return;
    const index = this.session.channel.history.recordings.push({ path, started_at: new Date(this.clock.now()).toISOString(), stopped_at: null, ms: null }) - 1;
    const cancelLimit = limitMs !== undefined && limitMs > 0 ? this.clock.schedule(limitMs, () => this.stop(path)) : undefined;
    this.active.set(path, { startedMicros: this.clock.nowMicros(), cancelLimit, index });
    this.session.fire('RECORD_START', [['Record-File-Path', path]], { origin: origin('switch_ivr_async.c', 'record_callback', 1259) });
  }

  /** Stops one recording, or all with 'all': RECORD_STOP and record_ms / record_seconds. */
  stop(path: string, completionCause?: string): boolean {
    const paths = path === 'all' ? [...this.active.keys()] : this.active.has(path) ? [path] : [];
    for (const p of paths) {
      const active = this.active.get(p)!;
      this.active.delete(p);
      active.cancelLimit?.();
      const ms = Math.floor((this.clock.nowMicros() - active.startedMicros) / 1000);
      this.setVariables(ms);
      const entry = this.session.channel.history.recordings[active.index];
      if (entry) {
        entry.stopped_at = new Date(this.clock.now()).toISOString();
        entry.ms = ms;
      }
      const headers: Header[] = [['Record-File-Path', p]];
      if (completionCause !== undefined) headers.push(['Record-Completion-Cause', completionCause]);
      // The file is closed before RECORD_STOP is fired, so whoever hears the stop finds it complete.
      writeRecordingFile(p, ms);
      this.session.fire('RECORD_STOP', headers, { origin: origin('switch_ivr_async.c', 'record_callback', 1380) });
    }
    return paths.length > 0;
  }

  setVariables(ms: number): void {
    const ch = this.session.channel;
    ch.setVariable('record_ms', String(ms));
    ch.setVariable('record_seconds', String(Math.floor(ms / 1000)));
    ch.setVariable('record_samples', String(ms * 8));
  }

  has(path: string): boolean {
    return this.active.has(path);
  }
}
