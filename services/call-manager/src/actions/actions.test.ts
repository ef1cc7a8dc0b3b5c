import { describe, expect, it } from '@jest/globals';
import { flowManager } from '@voxmesh/contracts';
import { causeOfOriginate } from '../calls/outgoing.js';
import { gathered } from './digits_receive.js';
import { splitHost } from './external_media_start.js';
import { actionHandlers } from './index.js';
import { speakArgument } from './talk.js';

describe('the action table', () => {
  it('has a handler for every action type of the contract, and nothing else', () => {
    expect(Object.keys(actionHandlers).sort()).toEqual([...flowManager.actionTypes].sort());
  });

  it("refuses flow-manager's own actions and those needing services not run here, leaving the media ones to run", async () => {
    const refused: string[] = [];
    for (const type of flowManager.actionTypes) {
      const run = { action: { id: 'x', type, option: {} }, refuse: async (reason: string) => void refused.push(`${type}:${reason}`) };
      const handler = actionHandlers[type] as { manual?: boolean; start(run: unknown): Promise<void> };
      if (!handler.manual) continue;
      if (type === 'digits_receive' || type === 'dtmf_receive' || type === 'hangup' || type === 'confbridge_join') continue;
      await handler.start(run);
    }
    // Every type the catalog gives flow-manager, whatever is added to it later.
    expect(refused.filter((entry) => entry.endsWith(':NOT_A_MEDIA_ACTION')).map((entry) => entry.split(':')[0]).sort()).toEqual([...flowManager.flowActionTypes].sort());
    expect(flowManager.flowActionTypes).toEqual(expect.arrayContaining(['branch', 'connect', 'fetch', 'goto', 'pivot', 'stop', 'variable_set', 'webhook_send']));
    expect(refused.filter((entry) => entry.endsWith(':SERVICE_UNAVAILABLE')).map((entry) => entry.split(':')[0]).sort()).toEqual(
      ['agent_call', 'queue_join', 'transcribe_recording', 'transcribe_start', 'transcribe_stop'].sort(),
    );
  });
});

describe('digits_receive', () => {
  it("is satisfied by voipbin's condition: enough digits, or a key", () => {
    expect(gathered('12', { length: 2 })).toBe(true);
    expect(gathered('1', { length: 2 })).toBe(false);
    expect(gathered('12#', { key: '#' })).toBe(true);
    expect(gathered('123', { key: '#*' })).toBe(false);
    expect(gathered('', {})).toBe(false);
    expect(gathered('999', {})).toBe(false);
  });
});

describe('talk', () => {
  it('speaks with the engine, voice and text, the voice chosen by language and gender when none is named', () => {
    expect(speakArgument({ text: 'hi' }, 'flite')).toBe('flite|slt|hi');
    expect(speakArgument({ text: 'hi', gender: 'male', language: 'en-GB' }, 'flite')).toBe('flite|kal|hi');
    expect(speakArgument({ text: 'hola', language: 'es-ES', gender: 'female', provider: 'polly' }, 'flite')).toBe('polly|es-ES-female|hola');
    expect(speakArgument({ text: 'hi', voice_id: 'Joanna', provider: 'polly' }, 'flite')).toBe('polly|Joanna|hi');
  });
});

describe('helpers', () => {
  it('reads host and port, and the cause of a failed originate', () => {
    expect(splitHost('10.0.0.1:4000')).toEqual({ host: '10.0.0.1', port: '4000' });
    expect(splitHost('[::1]:5')).toEqual({ host: '::1', port: '5' });
    expect(splitHost('media.example.com')).toEqual({ host: 'media.example.com', port: '8026' });
    expect(causeOfOriginate('originate {…}: -ERR USER_BUSY')).toBe('USER_BUSY');
    expect(causeOfOriginate('socket closed')).toBe('NORMAL_TEMPORARY_FAILURE');
  });
});
