import { describe, expect, it } from '@jest/globals';
import { speakArgument, talk } from './talk.js';
import { fakeRun } from './test-support.js';

describe('talk', () => {
  it('speaks with the engine, voice and text, the voice chosen by language and gender when none is named', () => {
    expect(speakArgument({ text: 'hi' }, 'flite')).toBe('flite|slt|hi');
    expect(speakArgument({ text: 'hi', gender: 'male', language: 'en-GB' }, 'flite')).toBe('flite|kal|hi');
    expect(speakArgument({ text: 'hola', language: 'es-ES', gender: 'female', provider: 'polly' }, 'flite')).toBe('polly|es-ES-female|hola');
    expect(speakArgument({ text: 'hi', voice_id: 'Joanna', provider: 'polly' }, 'flite')).toBe('polly|Joanna|hi');
  });

  it('answers first when needed, and a key stops it with digits_handle next', async () => {
    const { run, did } = fakeRun('talk', { text: 'Press 1.', digits_handle: 'next' });
    await talk.start(run);
    await talk.onDigit!(run, '1');
    expect(did).toEqual(['answer', 'speak flite|slt|Press 1.', 'break false', 'complete']);
  });

  it('ignores keys otherwise', async () => {
    const { run, did } = fakeRun('talk', { text: 'Hello.' }, { answered: true });
    await talk.start(run);
    await talk.onDigit!(run, '1');
    expect(did).toEqual(['speak flite|slt|Hello.']);
  });
});
