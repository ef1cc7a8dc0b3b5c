import { flowManager } from '@voxmesh/contracts';
import type { RingLeg, RingRequest } from '../calls/endpoint-directory.js';
import type { ChannelEvent } from '../esl/event.js';
import type { ActionOf, ActionType } from '../contract.js';
import type { ActionRun } from './types.js';

/** What a handler did to the fake call `fakeRun` gives it, in order. */
export interface FakeRun<T extends ActionType> {
  run: ActionRun<T>;
  did: string[];
  call: FakeCall;
  /** The `onComplete` listeners of the applications started, by application. */
  listeners: Map<string, (event: ChannelEvent) => Promise<void>>;
  /** What the handler asked the endpoint directory to ring, in order. */
  resolved: RingRequest[];
}

export interface FakeCall {
  id: string;
  channel_id: string;
  account_id: string;
  device: { id: string; user_id: string } | null;
  source: { type: string; target: string; target_name?: string };
  destination: { type: string; target: string };
  media_server: string;
  hangup_reason: string;
  external_medias: { status: string; transport: string; tm_stop?: string | null }[];
  account_id: string;
  source: { type: string; target: string };
  destination: { type: string; target: string };
}

/**
 * One action's run on a fake call, without a channel: the option is read through its
 * catalog schema, and every effect (applications, API commands, completion, refusal,
 * hangup, timeouts, variables) is recorded as a line of `did`.
 */
export function fakeRun<T extends ActionType>(
  type: T,
  option: unknown,
  overrides: {
    answered?: boolean;
    digits?: string;
    medias?: FakeCall['external_medias'];
    otherCall?: { hangup_reason: string };
    modules?: Record<string, boolean>;
    destination?: string;
    ringLegs?: RingLeg[];
    running?: boolean;
    lastRecording?: { id: string; duration_ms: number; uploadUrl?: string };
    /** The caller's device. */
    device?: { id: string; user_id: string };
    /** What customer-manager holds: the devices a feature finds (every one for a user or group target). */
    devices?: { id: string; enabled: boolean; sip: { username: string; realm: string } }[];
    /** The rows of `show channels as json`. */
    switchChannels?: { uuid: string; presence_id: string; callstate: string; direction: string }[];
    /** The channel the call is bridged to now. */
    bridgedTo?: string;
  } = {},
): FakeRun<T> {
  const did: string[] = [];
  const listeners = new Map<string, (event: ChannelEvent) => Promise<void>>();
  const resolved: RingRequest[] = [];
  const call: FakeCall = {
    device: overrides.device ?? null,
    id: 'call-1',
    channel_id: 'chan-1',
    hangup_reason: '',
    external_medias: overrides.medias ?? [],
    account_id: 'acct-1',
    source: { type: 'tel', target: '+15550001' },
    destination: { type: 'sip', target: overrides.destination ?? '2001@pbx.example.com' },
  };
  let digits = overrides.digits ?? '';
  const action = { id: 'a1', type, option: flowManager.actionOptionSchemas[type].parse(option) } as ActionOf<T>;
  const run = {
    action,
    live: {
      call,
      answered: overrides.answered ?? false,
      update: (change: (value: FakeCall) => void) => change(call),
      breakMedia: async (all: boolean) => void did.push(`break ${all}`),
      link: {
        sendEvent: async (name: string, headers: Record<string, string>) => void did.push(`sendevent ${name} ${headers.from} ${headers['answer-state']}`),
      },
      publish: (type: string, data: { presence_id?: string }) => void did.push(`publish ${type} ${data.presence_id ?? ''}`),
    },
    deps: {
      settings: { ttsEngine: 'flite', recordingDir: '/rec' },
      calls: { get: async () => (overrides.otherCall ? { ...call, ...overrides.otherCall } : undefined) },
      extensions: { of: async (_account: string, number: string) => (number === '5001' ? [{ type: 'device', id: 'd-jane' }] : []) },
      registry: {
        get: (id: string) => (id === call.id ? { call } : undefined),
        byChannelId: (id: string) => (id === call.channel_id ? { call, leg: { channel: { bridged_to: overrides.bridgedTo ?? '' } } } : undefined),
      },
      confbridges: { join: async () => void did.push('confbridge join'), left: () => void did.push('confbridge left') },
      conferences: { get: async (_account: string, id: string) => ({ id, account_id: 'acct-1', name: 'Weekly', member: { pins: ['1111'] }, moderator: { pins: ['9999'] }, created: '', updated: '' }) },
      faxes: {
        store: async (_account: string, fax: { pages: number; success: boolean; media_path?: string; folder?: string; result_text: string }) => {
          did.push(`store fax ${fax.folder ?? 'inbox'} ${fax.pages} ${fax.success} ${fax.media_path ?? fax.result_text}`);
          return fax;
        },
      },
      faxDocuments: {
        fetch: async (url: string) => (url.endsWith('.tiff') ? { path: '/rec/fax-out-1.tiff' } : { error: 'the document is not a TIFF (the media server sends TIFF only)' }),
      },
      media: {
        playable: async (_account: string, reference: string) =>
          reference === 'a4b1f2c000004000800000000000ee01'
            ? { path: '/rec/media/acct-1/a4b1f2c000004000800000000000ee01.wav' }
            : reference === 'a4b1f2c000004000800000000000ee02'
              ? { speak: 'Welcome to the shop', voice: 'male/en-US' }
              : reference === 'a4b1f2c000004000800000000000ee03'
                ? { missing: 'media a4b1f2c000004000800000000000ee03 has no audio uploaded' }
                : { path: reference },
      },
      carriers: { legs: async () => [{ endpoint: 'sofia/external/+15550100@carrier.example', resourceId: 'r1', callerId: { number: '+15550001', name: 'Alice' } }] },
      voicemail: {
        box: async (_account: string, id: string) =>
          id === 'missing' ? undefined : { id, account_id: 'acct-1', name: 'Box', mailbox: '3100', ...(id === 'locked' ? { pin: '1234' } : {}), created: '', updated: '' },
        store: async () => {
          did.push('store message');
          return 'stored' as const;
        },
        notifyOwner: async () => void did.push('message waiting'),
        messages: async () => [],
        move: async (_box: unknown, id: string) => void did.push(`save ${id}`),
        remove: async (_box: unknown, id: string) => void did.push(`delete ${id}`),
      },
      endpoints: {
        resolve: async (request: RingRequest) => {
          resolved.push(request);
          return overrides.ringLegs ?? [{ endpoint: 'user/alice', address: { type: 'endpoint' as const, target: 'alice' }, deviceId: 'd1', forwarded: false, delaySeconds: 0, timeoutSeconds: 20 }];
        },
        devices: async (_account: string, targets: { type: string; id: string }[]) =>
          (overrides.devices ?? []).filter((device) => targets.some((target) => target.type !== 'device' || target.id === device.id)),
      },
      recordings: {
        begin: async (_live: unknown, options: { format: string; limitSeconds?: number }, record: (path: string) => Promise<string>) => {
          did.push(`recording ${options.format} ${options.limitSeconds ?? '-'}`);
          await record('/rec/r.wav');
        },
        stop: async (_live: unknown, stop: (path: string) => Promise<string>) => {
          if (overrides.running === false) return undefined;
          await stop('/rec/r.wav');
          return { id: 'r1' };
        },
        lastEndedOf: () => (overrides.lastRecording ? { recording: { id: overrides.lastRecording.id, duration_ms: overrides.lastRecording.duration_ms }, uploadUrl: overrides.lastRecording.uploadUrl } : undefined),
      },
    },
    state: {} as Record<string, unknown>,
    active: true,
    execute: async (app: string, arg?: string, options?: { wait?: boolean; onComplete?: (event: ChannelEvent) => Promise<void> }) => {
      did.push(arg === undefined || arg === '' ? app : `${app} ${arg}`);
      if (options?.onComplete) listeners.set(app, options.onComplete);
      return 'app-uuid';
    },
    api: async (command: string) => {
      did.push(`api ${command}`);
      if (command === 'show channels as json') return JSON.stringify({ row_count: overrides.switchChannels?.length ?? 0, rows: overrides.switchChannels ?? [] });
      return command.endsWith(' list') ? '7;sip:x;chan-1;\n8;sip:y;chan-2;' : '';
    },
    complete: async () => void did.push('complete'),
    refuse: async (reason: string) => void did.push(`refuse ${reason}`),
    recordError: (reason: string) => void did.push(`error ${reason}`),
    hasModule: (name: string) => overrides.modules?.[name],
    hangup: async (reason: string) => void did.push(`hangup ${reason}`),
    timeoutAfter: async (ms: number) => void did.push(`timeout ${ms}`),
    setVariables: async (variables: Record<string, string>) => void did.push(`variables ${JSON.stringify(variables)}`),
    digits: (take?: boolean) => {
      const held = digits;
      if (take) digits = '';
      return held;
    },
  };
  return { run: run as unknown as ActionRun<T>, did, call, listeners, resolved };
}

/** A CHANNEL_EXECUTE_COMPLETE carrying the given channel variables. */
export function completion(variables: Record<string, string>, headers: Record<string, string> = {}): ChannelEvent {
  return { variable: (name: string) => variables[name], header: (name: string) => headers[name] } as unknown as ChannelEvent;
}
