/**
 * The FreeSWITCH modules call-manager looks for on each media server when it connects
 * (`module_exists`), and what each one enables. An action that needs a missing one is
 * refused on the call with MODULE_MISSING; the call goes on.
 */
export const REQUIRED_MODULES = ['mod_event_socket', 'mod_commands', 'mod_dptools', 'mod_sofia'] as const;

export const OPTIONAL_MODULES = {
  mod_amd: 'the amd action (answering-machine detection; third-party)',
  mod_audio_fork: 'external_media_start to a websocket (third-party)',
  mod_http_cache: 'play and talk of http(s) URLs',
  mod_flite: 'talk with the flite engine (English voices kal, slt, rms, awb)',
  mod_conference: 'conference_join',
  mod_avmd: 'beep detection',
  mod_spandsp: 'fax_detect (fax tone detection)',
} as const;

export type OptionalModule = keyof typeof OPTIONAL_MODULES;

export const PROBED_MODULES: readonly string[] = [...REQUIRED_MODULES, ...Object.keys(OPTIONAL_MODULES)];

/** Whether a media server has a module: undefined until it was asked (not connected yet). */
export interface ModuleLookup {
  loaded(mediaServer: string, module: OptionalModule): boolean | undefined;
}
