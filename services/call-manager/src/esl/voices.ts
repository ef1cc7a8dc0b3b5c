/**
 * Which voice `speak` is given. A FreeSWITCH TTS engine refuses a voice it does not
 * have ("Invalid TTS module", nothing spoken, the application ends as if it had), so
 * the voice is chosen here from what the engine has, and a request it cannot meet is
 * said out loud as a fallback rather than left silent.
 */

/** mod_flite's voices (flite_speech_open): US English only. */
const FLITE_VOICES = new Set(['awb', 'kal', 'rms', 'slt', 'kal16']);
/** flite's voice for each gender, also the fallback for a language it does not speak. */
const FLITE_BY_GENDER: ReadonlyMap<string, string> = new Map([
  ['female', 'slt'],
  ['male', 'kal'],
  ['neutral', 'rms'],
]);

export interface VoiceRequest {
  provider?: string | undefined;
  voice_id?: string | undefined;
  language?: string | undefined;
  gender?: string | undefined;
  [key: string]: unknown;
}

export interface VoiceChoice {
  engine: string;
  voice: string;
  /** Why the voice asked for was not used, when it was not. */
  fallback?: string;
}

/**
 * The engine is the request's provider (else the -tts_engine flag), the voice its
 * voice_id, else one for its language and gender. flite speaks English with its own
 * voices: another language or an unknown voice falls back to flite's voice for the
 * gender, and says so. Another engine gets `<language>-<gender>`, its own naming.
 */
export function chooseVoice(request: VoiceRequest, defaultEngine: string): VoiceChoice {
  const engine = request.provider ?? (typeof request.engine === 'string' ? request.engine : undefined) ?? defaultEngine;
  const gender = (request.gender ?? 'female').toLowerCase();
  const explicit = request.voice_id ?? (typeof request.voice === 'string' ? request.voice : undefined);
  const english = request.language === undefined || /^en\b/i.test(request.language);
  if (engine !== 'flite') return { engine, voice: explicit ?? (english ? (FLITE_BY_GENDER.get(gender) ?? 'slt') : `${request.language}-${gender}`) };
  const byGender = FLITE_BY_GENDER.get(gender) ?? 'slt';
  if (explicit !== undefined) {
    if (FLITE_VOICES.has(explicit.toLowerCase())) return { engine, voice: explicit.toLowerCase() };
    return { engine, voice: byGender, fallback: `flite has no voice ${JSON.stringify(explicit)} (it has ${[...FLITE_VOICES].join(', ')}); spoken with ${byGender}` };
  }
  if (!english) return { engine, voice: byGender, fallback: `flite speaks only English, not ${request.language}; spoken in English with ${byGender}` };
  return { engine, voice: byGender };
}
