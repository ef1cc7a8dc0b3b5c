import { describe, expect, it } from '@jest/globals';
import { speakArgument, speakFor, talk } from './talk.js';
import { fakeRun } from './test-support.js';

describe('talk', () => {
  it('speaks with the engine, voice and text, the voice chosen by language and gender when none is named', () => {
    expect(speakArgument({ text: 'hi' }, 'flite')).toBe('flite|slt|hi');
    expect(speakArgument({ text: 'hi', gender: 'male', language: 'en-GB' }, 'flite')).toBe('flite|kal|hi');
    expect(speakArgument({ text: 'hola', language: 'es-ES', gender: 'female', provider: 'polly' }, 'flite')).toBe('polly|es-ES-female|hola');
    expect(speakArgument({ text: 'hi', voice_id: 'Joanna', provider: 'polly' }, 'flite')).toBe('polly|Joanna|hi');
  });

  it("falls back to flite's own voices, and says why, for a language or a voice flite does not have", () => {
    expect(speakFor({ text: 'bonjour', language: 'fr-FR', gender: 'female' }, 'flite')).toEqual({ argument: 'flite|slt|bonjour', fallback: expect.stringContaining('fr-FR') });
    expect(speakFor({ text: 'hi', voice_id: 'Joanna' }, 'flite')).toEqual({ argument: 'flite|slt|hi', fallback: expect.stringContaining('Joanna') });
    expect(speakFor({ text: 'hi', voice_id: 'AWB' }, 'flite')).toEqual({ argument: 'flite|awb|hi' });
  });

  it('records the fallback on the call and still speaks', async () => {
    const { run, did } = fakeRun('talk', { text: 'hola', language: 'es-ES', gender: 'male' }, { answered: true });
    await talk.start(run);
    expect(did).toEqual(['error TTS_VOICE_FALLBACK', 'speak flite|kal|hola']);
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
