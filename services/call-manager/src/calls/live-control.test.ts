import { describe, expect, it } from '@jest/globals';
import { VoipError } from '@voxmesh/wire';
import type { LegLink } from '../esl/leg-link.js';
import { CallState, type CallStateDeps } from './call-state.js';
import { newLeg } from './leg.js';
import type { LiveCall } from './live-call.js';
import { LiveControl } from './live-control.js';
import { newCall } from './model.js';
import { RecordingService } from './recordings.js';

/** A live call's control over a link that notes what it was sent, and the events the call published. */
function controlled(id = 'chan-1') {
  const sent: string[] = [];
  const published: Array<{ type: string; data: unknown }> = [];
  const link: LegLink = {
    kind: 'socket',
    channelId: id,
    async execute(app, arg) {
      sent.push(`execute ${app} ${arg}`);
    },
    async hangup(cause) {
      sent.push(`hangup ${cause}`);
    },
    async api(command) {
      sent.push(command);
      return command.endsWith(' list') ? `3;sofia/internal/1001;${id};Alice;1001;hear|speak;0;0;100` : '+OK';
    },
    async sendEvent(name) {
      sent.push(`sendevent ${name}`);
    },
    release() {},
  };
  const deps = {
    calls: { save() {} },
    channels: { save() {} },
    events: { async publish(type: string, data: unknown) { published.push({ type, data }); } },
    logger: { error() {} },
    owner: 'cm-1',
  } as unknown as CallStateDeps;
  const call = newCall({ id: `call-of-${id}`, direction: 'incoming', status: 'progressing', source: { type: 'tel', target: '1001' }, destination: { type: 'tel', target: '2001' }, channelId: id, mediaServer: 'ms', accountId: 'acct-1' });
  const state = new CallState(deps, { call, leg: newLeg({ id, callId: call.id, accountId: 'acct-1', mediaServer: 'ms', direction: 'inbound', callerIdName: '', callerIdNumber: '1001', destination: '2001', username: '', now: call.tm_create }), coreUuid: 'core' });
  const recordings = new RecordingService({ repository: { save() {} }, metrics: { recordings: { inc() {} } }, logger: { warn() {} }, directory: '/rec' } as never);
  const live = { call, link, ending: false, update: (change) => state.update(change), amend: (change) => state.amend(change), publish: (type, data, fresh) => state.publish(type, data, fresh) } as LiveCall;
  const control = new LiveControl({ recordings, ttsEngine: 'flite' }, state, link, live);
  (live as { control: LiveControl }).control = control;
  return { control, state, sent, published, live };
}

describe('live control', () => {
  it('turns each request into its media-server command', async () => {
    const { control, sent } = controlled();
    await control.talk({ text: 'hello\nthere', gender: 'male' });
    await control.play(['https://example.com/a.wav', 'https://example.com/b.wav']);
    await control.sendDigits('12#', 200);
    await control.breakMedia(true);
    await control.hangup('NORMAL_CLEARING', { afterMedia: false });
    await control.hangup('USER_BUSY', { afterMedia: true });
    expect(sent).toEqual([
      // Quoted, so that uuid_broadcast's split on spaces leaves the text whole (the line break escaped).
      "uuid_broadcast chan-1 'speak::flite|kal|hello\\nthere' aleg",
      "uuid_broadcast chan-1 'https://example.com/a.wav' aleg",
      "uuid_broadcast chan-1 'https://example.com/b.wav' aleg",
      'uuid_send_dtmf chan-1 12#@200',
      'uuid_break chan-1 all',
      'hangup NORMAL_CLEARING',
      'execute hangup USER_BUSY',
    ]);
  });

  it('speaks a voice flite lacks with its own, recorded on the call as a fallback, and answers a ringing leg', async () => {
    const { control, state, sent } = controlled();
    await control.talk({ text: 'bonjour', language: 'fr-FR', gender: 'female' });
    await control.answer();
    expect(sent).toEqual(["uuid_broadcast chan-1 'speak::flite|slt|bonjour' aleg", 'uuid_answer chan-1']);
    expect(state.call.errors).toEqual([expect.objectContaining({ action_type: 'talk', reason: 'TTS_VOICE_FALLBACK', message: expect.stringContaining('fr-FR') })]);
  });

  it('holds and mutes, the call showing it once the media server took the command', async () => {
    const { control, state, sent } = controlled();
    await control.hold();
    expect(state.call.hold).toBe(true);
    await control.unhold();
    expect(state.call.hold).toBe(false);
    await control.mute('in');
    expect(state.call.mute_direction).toBe('in');
    await control.mute('both');
    await control.unmute();
    expect(state.call.mute_direction).toBe('');
    expect(sent).toEqual([
      'uuid_hold chan-1',
      'uuid_hold off chan-1',
      'uuid_audio chan-1 start read mute -4',
      'uuid_audio chan-1 start read mute -4',
      'uuid_audio chan-1 start write mute -4',
      'uuid_audio chan-1 stop',
    ]);
  });

  it('records once at a time, and refuses to stop what is not recording', async () => {
    const { control, state, sent } = controlled();
    await control.startRecording({ format: 'mp3', limitSeconds: 30 });
    const path = `/rec/${state.call.recording_id}.mp3`;
    expect(sent).toEqual([`uuid_record chan-1 start ${path} 30`]);
    await expect(control.startRecording({ format: 'wav' })).rejects.toMatchObject({ reason: 'ALREADY_RECORDING' });
    await control.stopRecording();
    expect(sent[1]).toBe(`uuid_record chan-1 stop ${path}`);

    const idle = controlled('chan-2');
    const refusal = await idle.control.stopRecording().catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(VoipError);
    expect((refusal as VoipError).reason).toBe('NOT_RECORDING');
  });

  it("bridges two legs, each parked when the other leaves, and takes a leg out of a conference", async () => {
    const a = controlled('chan-a');
    const b = controlled('chan-b');
    await a.control.parkAfterBridge();
    await b.control.parkAfterBridge();
    await b.control.bridgeTo(a.live);
    expect(a.sent).toEqual(['uuid_setvar chan-a park_after_bridge true']);
    expect(b.sent).toEqual(['uuid_setvar chan-b park_after_bridge true', 'uuid_bridge chan-a chan-b']);
    expect(b.state.leg.channel.bridged_to).toBe('chan-a');
    expect(b.state.leg.otherLegId).toBe('chan-a');

    await a.control.leaveConference('room-1');
    expect(a.sent.slice(1)).toEqual(['conference room-1 list', 'conference room-1 kick 3']);
  });
});
