import { z } from 'zod';
import { regexPattern } from '../actions/condition_regex.js';
import { optionalInteger, optionalText } from './common.js';
import { defineModule } from './define.js';

/** A media id or URL, or Kazoo's TTS media document (`{tts: {text, voice}}`) inline. */
const prompt = z.union([
  z.string().max(2048),
  z.looseObject({ tts: z.looseObject({ text: z.string().min(1).max(4096), voice: optionalText, language: optionalText }) }),
]);
/** Kazoo's `invalid_media` / `exit_media`: a prompt, `true` for the default one, `false` for none. */
const switchablePrompt = z.union([z.boolean(), prompt]);

/**
 * An IVR menu, given inline (Kazoo's `callflows.menu` points at a stored menu document
 * by `id`; its fields are those of that document, `menus.json`). Children are keyed by
 * the digits that choose them, plus `max_retries`, `timeout` and `_`. Digits no child
 * takes are dialled as an extension of the account (`hunt`), else are invalid.
 */
export const menuModule = defineModule({
  module: 'menu',
  description: 'Plays a greeting, collects digits and goes to the child with those digits.',
  data: z.looseObject({
    /** How many tries in all (3 by default). */
    retries: optionalInteger(1, 100),
    /** Milliseconds to wait for the first digit (10000 by default). */
    timeout: optionalInteger(1, 3_600_000),
    /** Milliseconds allowed between digits (2000 by default). */
    interdigit_timeout: optionalInteger(1, 60_000),
    /** The most digits a choice has (4 by default). */
    max_extension_length: optionalInteger(1, 128),
    /** Digits no child takes may dial an extension of the account (true by default, as Kazoo's). */
    hunt: z.boolean().nullable().optional(),
    /** An extension must match this to be dialled, and must not match `hunt_deny`. */
    hunt_allow: regexPattern.nullable().optional(),
    hunt_deny: regexPattern.nullable().optional(),
    media: z
      .looseObject({
        greeting: prompt.nullable().optional(),
        invalid_media: switchablePrompt.nullable().optional(),
        exit_media: switchablePrompt.nullable().optional(),
        /** Played before a hunt transfers the call. */
        transfer_media: switchablePrompt.nullable().optional(),
      })
      .nullable()
      .optional(),
  }),
  examples: [
    {
      data: { retries: 3, timeout: 5000, max_extension_length: 1, media: { greeting: 'https://example.com/menu.wav', invalid_media: 'https://example.com/invalid.wav' } },
      children: {
        '1': { module: 'tts', data: { text: 'Sales.' } },
        '2': { module: 'tts', data: { text: 'Support.' } },
        max_retries: { module: 'hangup' },
      },
    },
    {
      data: { interdigit_timeout: 3000, max_extension_length: 3, media: { greeting: { tts: { text: 'Enter the extension you want.', voice: 'female' } }, invalid_media: true, exit_media: false } },
      children: { '100': { module: 'tts', data: { text: 'Extension one hundred.' } }, timeout: { module: 'hangup' } },
    },
    {
      data: { name: 'Main menu', hunt: true, hunt_allow: '^2\\d{3}$', hunt_deny: '^2999$', max_extension_length: 4, media: { greeting: 'https://example.com/menu.wav', transfer_media: true } },
      children: { '0': { module: 'tts', data: { text: 'Operator.' } } },
    },
  ],
});
