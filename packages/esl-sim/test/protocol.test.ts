import { describe, expect, it } from '@jest/globals';
import { CommandReader } from '../src/protocol/command-reader.js';
import { serializeJson, serializePlain, serializeXml } from '../src/protocol/event.js';
import { apiResponse, commandReply, disconnectNotice, eventFrame, lingerNotice, AUTH_REQUEST, GOODBYE } from '../src/protocol/frames.js';
import { urlDecode, urlEncode } from '../src/protocol/url-encoding.js';

describe('URL encoding of header values', () => {
  it.each([
    ['+OK\n', '%2BOK%0A'],
    ['Thu, 21 Nov 2024 10:00:00 GMT', 'Thu,%2021%20Nov%202024%2010%3A00%3A00%20GMT'],
    ['2024-11-21 10:00:00', '2024-11-21%2010%3A00%3A00'],
    ['sofia/internal/1000@192.168.0.10', 'sofia/internal/1000%40192.168.0.10'],
    ['conference::maintenance', 'conference%3A%3Amaintenance'],
    ['a"#%&+:;<=>?@[\\]^`{|}z', 'a%22%23%25%26%2B%3A%3B%3C%3D%3E%3F%40%5B%5C%5D%5E%60%7B%7C%7Dz'],
    ["/,.-_()*!'$~", "/,.-_()*!'$~"],
    ['é\t\r', '%C3%A9%09%0D'],
  ])('encodes %j as %j', (plain, encoded) => {
    expect(urlEncode(plain)).toBe(encoded);
    expect(urlDecode(encoded)).toBe(plain);
  });
});

describe('event serialization', () => {
  it('writes plain events with encoded values, _undef_ for empty ones and a blank line at the end', () => {
    expect(serializePlain([['Event-Name', 'CHANNEL_ANSWER'], ['Caller-Caller-ID-Name', 'Jane Doe'], ['variable_empty', '']])).toBe(
      'Event-Name: CHANNEL_ANSWER\nCaller-Caller-ID-Name: Jane%20Doe\nvariable_empty: _undef_\n\n',
    );
  });

  it('puts an event body after an inner Content-Length counted in bytes', () => {
    expect(serializePlain([['Event-Name', 'BACKGROUND_JOB'], ['Job-UUID', 'j1']], '+OK é\n')).toBe(
      'Event-Name: BACKGROUND_JOB\nJob-UUID: j1\nContent-Length: 7\n\n+OK é\n',
    );
  });

  it('writes JSON events as one flat object of strings with the body as _body', () => {
    expect(serializeJson([['Event-Name', 'BACKGROUND_JOB'], ['Job-UUID', 'j1']], '+OK\n')).toBe(
      '{"Event-Name":"BACKGROUND_JOB","Job-UUID":"j1","Content-Length":"4","_body":"+OK\\n"}',
    );
    expect(serializeJson([['Event-Name', 'DTMF'], ['DTMF-Digit', '#']])).toBe('{"Event-Name":"DTMF","DTMF-Digit":"#"}');
  });

  it('writes XML events with encoded header values', () => {
    expect(serializeXml([['Event-Name', 'DTMF'], ['DTMF-Digit', '#']])).toBe(
      '<event>\n  <headers>\n    <Event-Name>DTMF</Event-Name>\n    <DTMF-Digit>%23</DTMF-Digit>\n  </headers>\n</event>',
    );
  });
});

describe('the messages the switch writes', () => {
  it('asks for authentication', () => {
    expect(AUTH_REQUEST).toBe('Content-Type: auth/request\n\n');
  });

  it('replies to commands, with extra headers after Reply-Text', () => {
    expect(commandReply('+OK accepted')).toBe('Content-Type: command/reply\nReply-Text: +OK accepted\n\n');
    expect(commandReply('+OK Job-UUID: 7f4d', [['Job-UUID', '7f4d']])).toBe('Content-Type: command/reply\nReply-Text: +OK Job-UUID: 7f4d\nJob-UUID: 7f4d\n\n');
  });

  it('answers api with a byte-counted body, and an empty result with -ERR no reply', () => {
    expect(apiResponse('+OK\n')).toBe('Content-Type: api/response\nContent-Length: 4\n\n+OK\n');
    expect(apiResponse('')).toBe('Content-Type: api/response\nContent-Length: 14\n\n-ERR no reply\n');
    expect(apiResponse('ü')).toBe('Content-Type: api/response\nContent-Length: 2\n\nü');
  });

  it('frames events with Content-Length first', () => {
    expect(eventFrame('json', '{"a":"é"}')).toBe('Content-Length: 10\nContent-Type: text/event-json\n\n{"a":"é"}');
  });

  it('says goodbye with and without a controlled session', () => {
    expect(disconnectNotice(GOODBYE)).toBe(
      'Content-Type: text/disconnect-notice\nContent-Length: 67\n\nDisconnected, goodbye.\nSee you at ClueCon! http://www.cluecon.com/\n',
    );
    expect(disconnectNotice(GOODBYE, 'u1')).toBe(
      'Content-Type: text/disconnect-notice\nControlled-Session-UUID: u1\nContent-Disposition: disconnect\nContent-Length: 67\n\n' + GOODBYE,
    );
  });

  it('tells a lingering socket the channel hung up', () => {
    expect(lingerNotice('u1', 'sofia/internal/1000@x', -1)).toBe(
      'Content-Type: text/disconnect-notice\nControlled-Session-UUID: u1\nContent-Disposition: linger\nChannel-Name: sofia/internal/1000@x\nLinger-Time: -1\nContent-Length: 0\n\n',
    );
  });
});

describe('reading commands', () => {
  it('reads a command line and its headers up to the blank line', () => {
    const reader = new CommandReader();
    expect(reader.push(Buffer.from('sendmsg u1\ncall-command: execute\nexecute-app-name:   answer\n\n'))).toEqual([
      { line: 'sendmsg u1', headers: [['call-command', 'execute'], ['execute-app-name', 'answer']] },
    ]);
  });

  it('ignores CRs and blank lines before a command, across chunks', () => {
    const reader = new CommandReader();
    expect(reader.push(Buffer.from('\r\n\r\nauth Clue'))).toEqual([]);
    expect(reader.push(Buffer.from('Con\r\n\r\napi status\n'))).toEqual([{ line: 'auth ClueCon', headers: [] }]);
    expect(reader.push(Buffer.from('\nexit\n\n'))).toEqual([
      { line: 'api status', headers: [] },
      { line: 'exit', headers: [] },
    ]);
  });

  it('reads a body of Content-Length bytes after the blank line', () => {
    const reader = new CommandReader();
    const text = 'sendmsg\ncall-command: execute\nexecute-app-name: speak\ncontent-type: text/plain\ncontent-length: 17\n\nflite|kal|héllo!\nexit\n\n';
    const [first, second] = reader.push(Buffer.from(text));
    expect(first?.body).toBe('flite|kal|héllo!');
    expect(second).toEqual({ line: 'exit', headers: [] });
  });

  it('waits for a body split over chunks', () => {
    const reader = new CommandReader();
    expect(reader.push(Buffer.from('sendevent CUSTOM\nContent-Length: 6\n\nab'))).toEqual([]);
    expect(reader.push(Buffer.from('cdef'))).toEqual([{ line: 'sendevent CUSTOM', headers: [['Content-Length', '6']], body: 'abcdef' }]);
  });
});
