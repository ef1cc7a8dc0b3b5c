import { describe, expect, it } from '@jest/globals';
import * as fs from './commands.js';

const uuid = '0f1e2d3c-aaaa-bbbb-cccc-000000000001';

describe("FreeSWITCH's command syntax", () => {
  it('spells the channel API commands', () => {
    expect(fs.breakMedia(uuid, false)).toBe(`uuid_break ${uuid}`);
    expect(fs.breakMedia(uuid, true)).toBe(`uuid_break ${uuid} all`);
    expect(fs.broadcast(uuid, 'https://example.com/a.wav')).toBe(`uuid_broadcast ${uuid} 'https://example.com/a.wav' aleg`);
    expect(fs.answer(uuid)).toBe(`uuid_answer ${uuid}`);
    expect(fs.moduleExists('mod_amd')).toBe('module_exists mod_amd');
    expect(fs.audioForkStart(uuid, 'wss://m.example/in')).toBe(`uuid_audio_fork ${uuid} start wss://m.example/in mono 8k`);
    expect(fs.audioForkStop(uuid)).toBe(`uuid_audio_fork ${uuid} stop`);
    expect(fs.sendDtmf(uuid, '12#')).toBe(`uuid_send_dtmf ${uuid} 12#`);
    expect(fs.sendDtmf(uuid, '12#', 250)).toBe(`uuid_send_dtmf ${uuid} 12#@250`);
    expect(fs.recordStart(uuid, '/rec/x.wav')).toBe(`uuid_record ${uuid} start /rec/x.wav`);
    expect(fs.recordStart(uuid, '/rec/x.wav', 30)).toBe(`uuid_record ${uuid} start /rec/x.wav 30`);
    expect(fs.recordStop(uuid, '/rec/x.wav')).toBe(`uuid_record ${uuid} stop /rec/x.wav`);
    expect(fs.hold(uuid)).toBe(`uuid_hold ${uuid}`);
    expect(fs.unhold(uuid)).toBe(`uuid_hold off ${uuid}`);
    expect(fs.mute(uuid, 'read')).toBe(`uuid_audio ${uuid} start read mute -4`);
    expect(fs.mute(uuid, 'write')).toBe(`uuid_audio ${uuid} start write mute -4`);
    expect(fs.unmute(uuid)).toBe(`uuid_audio ${uuid} stop`);
    expect(fs.setVariable(uuid, 'park_after_bridge', 'true')).toBe(`uuid_setvar ${uuid} park_after_bridge true`);
    expect(fs.bridge('a', 'b')).toBe('uuid_bridge a b');
    expect(fs.exists(uuid)).toBe(`uuid_exists ${uuid}`);
  });

  it('broadcasts any text on one line, quoted and escaped so that mod_commands gives it back exactly', () => {
    const text = "it's \\ two words,\r\nwith | pipes and ünïcode";
    expect(fs.broadcast(uuid, fs.speakPath(fs.speakArgument('flite', 'slt', text)))).toBe(
      `uuid_broadcast ${uuid} 'speak::flite|slt|it\\'s \\\\ two words,\\r\\nwith | pipes and ünïcode' aleg`,
    );
    expect(fs.broadcast(uuid, 'x')).not.toMatch(/[\r\n]/);
    expect(fs.oneLine('a\n\nb')).toBe('a b');
  });

  it('reads which playback and speak responses mean the media did not play', () => {
    expect(fs.mediaNotPlayed('FILE NOT FOUND')).toBe(true);
    expect(fs.mediaNotPlayed('PLAYBACK ERROR')).toBe(true);
    expect(fs.mediaNotPlayed('FILE PLAYED')).toBe(false);
    expect(fs.mediaNotPlayed('_none_')).toBe(false);
  });

  it('reads uuid_exists answers, telling an odd one apart', () => {
    expect(fs.existsAnswer('true\n')).toBe(true);
    expect(fs.existsAnswer('false')).toBe(false);
    expect(fs.existsAnswer('-ERR no reply')).toBeUndefined();
  });

  it("finds a channel's member id in a conference list, and kicks it", () => {
    const list = `7;sofia/internal/100;${uuid};Alice;100;hear|speak;0;0;100\n8;sofia/internal/101;other-uuid;Bob;101;hear|speak;0;0;100`;
    expect(fs.conferenceList('room')).toBe('conference room list');
    expect(fs.conferenceMember(list, uuid)).toBe('7');
    expect(fs.conferenceMember(list, 'missing')).toBeUndefined();
    expect(fs.conferenceKick('room', '7')).toBe('conference room kick 7');
    expect(fs.conferenceArgument('room')).toBe('room@default');
  });

  it('dials: endpoints by kind, variables quoted when they would split, parked once answered', () => {
    expect(fs.endpoint('tel', '+15551234', 'pstn')).toBe('sofia/gateway/pstn/+15551234');
    expect(fs.endpoint('sip', 'sip:bob@example.com', 'pstn')).toBe('sofia/external/bob@example.com');
    expect(fs.endpoint('extension', '1001', 'pstn')).toBe('user/1001');
    expect(fs.endpoint('agent', 'x', 'pstn')).toBeUndefined();
    expect(fs.originate({ origination_uuid: uuid, origination_caller_id_name: "Jo {O'Neil}, jr" }, 'user/1001')).toBe(
      `originate {origination_uuid=${uuid},origination_caller_id_name='Jo ONeil, jr'}user/1001 &park()`,
    );
    expect(fs.causeOfOriginate('originate {…}: -ERR USER_BUSY')).toBe('USER_BUSY');
    expect(fs.causeOfOriginate('socket closed')).toBe('NORMAL_TEMPORARY_FAILURE');
  });
});
