import { randomUUID } from 'node:crypto';
import type { Logger } from '@voxmesh/telemetry';
import type { Recording } from '../contract.js';
import type { RecordingRepository } from '../db/repositories.js';
import type { ChannelEvent } from '../esl/event.js';
import type { CallMetrics } from '../metrics.js';
import { recordStop } from '../esl/commands.js';
import type { LiveCall, RecordingOptions } from './live-call.js';
import type { RecordingUpload, RecordingUploader } from './recording-upload.js';

interface Active {
  recording: Recording;
  live: LiveCall;
  endOfKey: string;
  upload: RecordingUpload | undefined;
  minSeconds: number;
}

/** A recording that has ended, as a flow's next request reports it (Recording-ID, Recording-Duration, Recording-Url). */
export interface EndedRecording {
  recording: Recording;
  /** Where the file is being sent, when the flow asked for an upload. */
  uploadUrl: string | undefined;
}

/**
 * Recordings: each is a record_session media bug on the call's channel, written to a
 * file named by the recording's id. It is `recording` from the media server's
 * RECORD_START and `ended`, with the media server's length, from RECORD_STOP; one cut
 * off with its call (or by a restart) is ended with the length call-manager saw.
 */
export class RecordingService {
  private readonly byPath = new Map<string, Active>();
  /** Each call's last ended recording. */
  private readonly lastEnded = new WeakMap<LiveCall, EndedRecording>();

  constructor(
    private readonly options: { repository: RecordingRepository; metrics: CallMetrics; logger: Logger; directory: string; uploader: RecordingUploader },
  ) {}

  /**
   * Starts a recording. `start` sends the command: the record_session application for
   * an action (so it shows in the call's applications), uuid_record for live control
   * (so it does not wait for what the call plays). Call from the call's queue.
   */
  async begin(live: LiveCall, settings: RecordingOptions, start: (path: string) => Promise<unknown>): Promise<Recording> {
    const call = live.call;
    const id = randomUUID();
    const now = new Date().toISOString();
    const recording: Recording = {
      id,
      account_id: call.account_id,
      reference_type: 'call',
      reference_id: call.id,
      call_id: call.id,
      activeflow_id: call.activeflow_id,
      channel_id: call.channel_id,
      status: 'initiating',
      format: settings.format,
      file_path: `${this.options.directory}/${id}.${settings.format}`,
      duration_ms: null,
      tm_start: null,
      tm_end: null,
      tm_create: now,
      tm_update: null,
      tm_delete: null,
      ...(settings.name !== undefined ? { name: settings.name } : {}),
      ...(settings.label !== undefined ? { label: settings.label } : {}),
    };
    this.byPath.set(recording.file_path, { recording, live, endOfKey: settings.endOfKey ?? '', upload: settings.upload, minSeconds: settings.minSeconds ?? 0 });
    this.options.repository.save(recording);
    live.update((c) => {
      c.recording_id = id;
      c.recording_ids.push(id);
    });
    try {
      await start(recording.file_path);
    } catch (error) {
      this.byPath.delete(recording.file_path);
      this.end(recording, live, null, undefined);
      throw error;
    }
    return recording;
  }

  /** The call's running recording, if it has one. */
  activeOf(live: LiveCall): Recording | undefined {
    const id = live.call.recording_id;
    if (id === '') return undefined;
    for (const active of this.byPath.values()) if (active.recording.id === id && active.recording.status !== 'ended') return active.recording;
    return undefined;
  }

  /** Asks the media server to stop the call's recording; RECORD_STOP ends it. */
  async stop(live: LiveCall, send: (path: string) => Promise<unknown>): Promise<Recording | undefined> {
    const recording = this.activeOf(live);
    if (!recording) return undefined;
    recording.status = 'stopping';
    recording.tm_update = new Date().toISOString();
    this.options.repository.save(recording);
    await send(recording.file_path);
    return recording;
  }

  onRecordStart(live: LiveCall, event: ChannelEvent): void {
    const active = this.byPath.get(event.header('Record-File-Path') ?? '');
    if (!active || active.live !== live) return;
    const recording = active.recording;
    if (recording.tm_start !== null) return;
    recording.status = recording.status === 'stopping' ? 'stopping' : 'recording';
    recording.tm_start = new Date().toISOString();
    recording.tm_update = recording.tm_start;
    this.options.repository.save(recording);
    this.options.metrics.recordings.inc(['started']);
    live.publish('recording_started', recording);
  }

  onRecordStop(live: LiveCall, event: ChannelEvent): void {
    const path = event.header('Record-File-Path') ?? '';
    const active = this.byPath.get(path);
    if (!active || active.live !== live) return;
    this.byPath.delete(path);
    const ms = Number(event.variable('record_ms'));
    const length = Number.isFinite(ms) && event.variable('record_ms') !== undefined ? ms : null;
    // FreeSWITCH removes a file shorter than RECORD_MIN_SEC and says so (switch_ivr_async.c, record_callback).
    const short = active.minSeconds > 0 && (event.variable('RECORD_DISCARDED') === 'true' || (length !== null && length < active.minSeconds * 1000));
    if (short) active.recording.discarded = true;
    this.end(active.recording, live, length, short ? undefined : active.upload);
    if (short) {
      this.options.metrics.recordings.inc(['discarded']);
      this.options.logger.info({ recording_id: active.recording.id, call_id: active.recording.call_id, duration_ms: length, record_min_sec: active.minSeconds }, 'recording shorter than its minimum: discarded');
      return;
    }
    // The media server has closed the file: it can go where the flow asked.
    if (active.upload) void this.send(active.recording, active.upload);
  }

  private async send(recording: Recording, upload: RecordingUpload): Promise<void> {
    const outcome = await this.options.uploader.upload(recording.file_path, recording.format, upload);
    this.options.metrics.recordings.inc([outcome.ok ? 'uploaded' : 'upload_failed']);
    const fields = { recording_id: recording.id, call_id: recording.call_id, url: upload.url, method: upload.method, status: outcome.status };
    if (outcome.ok) this.options.logger.info(fields, 'recording uploaded');
    else this.options.logger.warn({ ...fields, reason: outcome.message }, 'recording upload failed');
  }

  /** A digit that is the recording's end key stops it. */
  onDigit(live: LiveCall, digit: string): void {
    for (const active of this.byPath.values()) {
      if (active.live !== live || active.endOfKey === '' || !active.endOfKey.includes(digit) || active.recording.status === 'stopping') continue;
      const path = active.recording.file_path;
      void this.stop(live, () => live.link.api(recordStop(live.call.channel_id, path))).catch((error: unknown) =>
        this.options.logger.warn({ err: error, recording_id: active.recording.id }, 'recording not stopped on its end key'),
      );
    }
  }

  /** The call is gone: its recordings still open end with the time call-manager saw. */
  finishAll(live: LiveCall): void {
    for (const [path, active] of this.byPath) {
      if (active.live !== live) continue;
      this.byPath.delete(path);
      this.end(active.recording, live, null, active.upload);
    }
  }

  /** A call closed after a restart: its recordings still marked running in the database end now. */
  async finishStored(live: LiveCall): Promise<void> {
    for (const recording of await this.options.repository.runningOf(live.call.id)) this.end(recording, live, null, undefined);
  }

  /**
   * The call's last ended recording. The media server says RECORD_STOP before the
   * stopping application completes (switch_ivr_stop_record_session closes the media bug,
   * whose record_callback fires it), so after that completion it is here.
   */
  lastEndedOf(live: LiveCall): EndedRecording | undefined {
    return this.lastEnded.get(live);
  }

  private end(recording: Recording, live: LiveCall, durationMs: number | null, upload: RecordingUpload | undefined): void {
    const now = new Date();
    const started = recording.tm_start === null ? undefined : Date.parse(recording.tm_start);
    recording.status = 'ended';
    recording.tm_end = now.toISOString();
    recording.tm_update = recording.tm_end;
    recording.duration_ms = durationMs ?? (started === undefined ? 0 : Math.max(0, now.getTime() - started));
    this.options.repository.save(recording);
    this.options.metrics.recordings.inc(['finished']);
    this.lastEnded.set(live, { recording, uploadUrl: upload?.url });
    if (recording.tm_start !== null) live.publish('recording_finished', recording);
    if (live.call.recording_id !== recording.id) return;
    // A call that is over is not announced again for it; the change is only saved.
    if (live.ending) live.amend((c) => (c.recording_id = ''));
    else live.update((c) => (c.recording_id = ''));
  }
}
