import { describe, expect, it } from '@jest/globals';
import twilio from 'twilio';
import { requestSignature } from './signature.js';
import { parseTwiml, TwimlError } from './twiml.js';
import { translateTwiml } from './twiml-actions.js';
import { readAnswer } from './answer.js';

const origin = { url: 'https://app.example.com/voice.xml' };
const run = (xml: string) => translateTwiml(parseTwiml(xml), origin).map(({ type, option }) => ({ type, option }));

describe('TwiML', () => {
  it('rings numbers, SIP addresses, clients, users and devices in one bridge for `timeout`, then asks the action with the outcome', () => {
    const response = new twilio.twiml.VoiceResponse();
    const dial = response.dial({ callerId: '+15550001111', action: 'dialed', timeout: 12 });
    dial.number('+15552223333');
    dial.sip('sip:alice@example.com');
    dial.client('bob');
    const kazoo = new twilio.twiml.VoiceResponse();
    kazoo.dial().number('+15550000000');
    const xml = response.toString().replace('</Dial>', '<User>u1</User><Device>d1</Device></Dial>');
    expect(run(xml)).toEqual([
      {
        type: 'bridge',
        option: {
          endpoints: [
            { type: 'number', id: '+15552223333' },
            { type: 'sip', id: 'alice@example.com' },
            { type: 'client', id: 'bob' },
            { type: 'user', id: 'u1' },
            { type: 'device', id: 'd1' },
          ],
          timeout: 12000,
          can_call_self: true,
          caller_id_number: '+15550001111',
        },
      },
      { type: 'variable_set', option: { key: 'twiml.dial.status', value: '${voipbin.bridge.result}' } },
      { type: 'variable_set', option: { key: 'twiml.dial.call_id', value: '${voipbin.bridge.leg_id}' } },
      { type: 'variable_set', option: { key: 'twiml.dial.duration', value: '${voipbin.bridge.duration}' } },
      { type: 'pivot', option: { voice_url: 'https://app.example.com/dialed', method: 'post', req_format: 'twiml' } },
      { type: 'stop', option: {} },
    ]);
    // Twilio's default: 30 seconds of ringing.
    expect(run(kazoo.toString())[0]!.option).toMatchObject({ endpoints: [{ type: 'number', id: '+15550000000' }], timeout: 30000 });
  });

  it('joins conferences and queues, loops Say, sends Play digits', () => {
    const response = new twilio.twiml.VoiceResponse();
    response.say({ loop: 3 }, 'again');
    response.play({ digits: '12w3' });
    response.dial().conference('standup');
    response.dial().queue('support');
    const actions = run(response.toString());
    expect(actions.map((action) => action.type)).toEqual(['talk', 'goto', 'digits_send', 'conference_enter', 'queue_join', 'stop']);
    expect(actions[3]!.option).toEqual({ config: { name: 'standup' }, welcome: false });
    expect(actions[1]!.option).toMatchObject({ loop_count: 2 });
    expect(actions[2]!.option).toEqual({ digits: '123' });
  });

  it.each([
    ['not XML', '<Response><Say>hi</Response>', /line 1/],
    ['a DOCTYPE (entity expansion)', '<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY a "aaaaaaaa">]><Response><Say>&a;</Say></Response>', /line 2: a DOCTYPE/],
    ['another root', '<Twiml><Say>hi</Say></Twiml>', /<Response>/],
    ['an unknown verb', '<Response><Teleport/></Response>', /Teleport/],
    ['a __proto__ element', '<Response><__proto__ polluted="yes"/></Response>', /./],
    ['a bad attribute', '<Response><Pause length="forever"/></Response>', /Pause length/],
    ['a Dial to something that cannot be rung', '<Response><Dial><Whatsapp>alice</Whatsapp></Dial></Response>', /not supported/],
    ['a Dial timeout that is not a number', '<Response><Dial timeout="soon">+15550001</Dial></Response>', /Dial timeout/],
  ])('refuses %s', (_label, xml, message) => {
    expect(() => run(xml)).toThrow(TwimlError);
    expect(() => run(xml)).toThrow(message);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('decodes the predefined entities and character references only', () => {
    expect(run('<Response><Say>Fish &amp; chips &#169; &unknown;</Say></Response>')[0]!.option.text).toBe('Fish & chips © &unknown;');
  });

  it("signs as Twilio's library expects", () => {
    const fields: [string, string][] = [['To', '+1555'], ['CallSid', 'CA1'], ['Digits', '1']];
    const signature = requestSignature('sha1', 'secret', 'https://app.example.com/g?x=1', fields);
    expect(twilio.validateRequest('secret', signature, 'https://app.example.com/g?x=1', Object.fromEntries(fields))).toBe(true);
    expect(twilio.getExpectedTwilioSignature('secret', 'https://app.example.com/g?x=1', Object.fromEntries(fields))).toBe(signature);
  });
});

describe('TwiML recording', () => {
  it('records a Dial with record, and tells recordingStatusCallback when a Record is done', () => {
    const response = new twilio.twiml.VoiceResponse();
    response.dial({ record: 'record-from-answer' }, '+15552223333');
    response.record({ recordingStatusCallback: '/status', action: '/after', finishOnKey: '#', maxLength: 10 });
    const actions = run(response.toString());
    expect(actions.map((action) => action.type)).toEqual(['recording_start', 'bridge', 'recording_stop', 'variable_set', 'variable_set', 'variable_set', 'variable_set', 'recording_start', 'digits_receive', 'recording_stop', 'webhook_send', 'pivot', 'stop']);
    expect(actions[10]!.option).toMatchObject({ uri: 'https://app.example.com/status', method: 'POST', data: { CallSid: '${voipbin.call.id}', RecordingStatus: 'completed' } });
  });

  it('refuses a Dial whose address would reach into the dial string, and keeps only the digits of a number', () => {
    const answer = (xml: string) => readAnswer(200, 'text/xml', xml, origin);
    for (const sip of ['alice@example.com,user/1000', 'alice@example.com|sofia/gateway/x/1', '[execute_on_answer=x]a@b', "a@b'c"]) {
      const read = answer(`<Response><Dial><Sip>sip:${sip.replace(/&/g, '&amp;')}</Sip></Dial></Response>`);
      expect(read).toMatchObject({ ok: false, status: 'bad_twiml', message: expect.stringContaining('bridge.option.endpoints.0.id') });
    }
    const spaced = answer('<Response><Dial callerId="+1 555"><Number>+1 (555) 222-3333</Number></Dial></Response>');
    expect(spaced).toMatchObject({ ok: false, status: 'bad_twiml', message: expect.stringContaining('caller_id_number') });
    const number = answer('<Response><Dial><Number>+1 (555) 222-3333</Number></Dial></Response>');
    expect(number.ok && number.actions[0]!.option).toMatchObject({ endpoints: [{ type: 'number', id: '+15552223333' }] });
  });
});
