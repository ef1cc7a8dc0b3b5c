/**
 * The loadable modules of the simulated switch. FreeSWITCH only knows an application,
 * an API command, a file scheme or a speech engine once the module that registers it
 * is loaded (`switch_loadable_module_exists`); without it the switch answers as if the
 * name did not exist. The simulator gates the third-party and optional ones here.
 */

/** What a FreeSWITCH 1.10 built from source loads for voice calls: no third-party module. */
export const STOCK_MODULES: readonly string[] = [
  'mod_sofia',
  'mod_event_socket',
  'mod_dptools',
  'mod_commands',
  'mod_conference',
  'mod_flite',
  'mod_loopback',
  'mod_tone_stream',
  'mod_sndfile',
  'mod_avmd',
  // Loaded by the vanilla modules.conf.xml (fax detection, rxfax/txfax).
  'mod_spandsp',
];

/** Applications registered by a module other than mod_dptools. */
const APP_MODULES: ReadonlyMap<string, string> = new Map([
  ['amd', 'mod_amd'],
  ['avmd', 'mod_avmd'],
  ['conference', 'mod_conference'],
  ['conference_set_auto_outcall', 'mod_conference'],
  ['spandsp_start_fax_detect', 'mod_spandsp'],
  ['spandsp_stop_fax_detect', 'mod_spandsp'],
  ['rxfax', 'mod_spandsp'],
  ['txfax', 'mod_spandsp'],
]);

/** API commands registered by a module other than mod_commands. */
const API_MODULES: ReadonlyMap<string, string> = new Map([
  ['uuid_audio_fork', 'mod_audio_fork'],
  ['conference', 'mod_conference'],
  ['soundtouch', 'mod_soundtouch'],
]);

/** URL schemes a file interface module registers (`switch_loadable_module_get_file_interface`). */
const SCHEME_MODULES: ReadonlyMap<string, string> = new Map([
  ['http', 'mod_http_cache'],
  ['https', 'mod_http_cache'],
]);

/** The voices mod_flite registers (`flite_speech_open`); any other name is refused. */
export const FLITE_VOICES: readonly string[] = ['awb', 'kal', 'rms', 'slt', 'kal16'];

export class LoadedModules {
  private readonly loaded: ReadonlySet<string>;

  constructor(names: readonly string[] = STOCK_MODULES) {
    this.loaded = new Set(names.map((name) => name.trim()).filter((name) => name !== ''));
  }

  /** `module_exists <name>`. */
  has(name: string): boolean {
    return this.loaded.has(name);
  }

  list(): string[] {
    return [...this.loaded];
  }

  hasApp(name: string): boolean {
    const module = APP_MODULES.get(name);
    return module === undefined || this.loaded.has(module);
  }

  hasApi(name: string): boolean {
    const module = API_MODULES.get(name);
    return module === undefined || this.loaded.has(module);
  }

  /** Whether a file path's scheme (`https://…`) has its file interface; plain paths always do. */
  playsScheme(path: string): boolean {
    const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(path)?.[1]?.toLowerCase();
    const module = scheme === undefined ? undefined : SCHEME_MODULES.get(scheme);
    return module === undefined || this.loaded.has(module);
  }

  /**
   * `switch_core_speech_open`: the engine is the speech interface of a loaded module
   * (`mod_<engine>`); flite knows only its own voices, other engines are taken at
   * their word.
   */
  speaks(engine: string, voice: string): boolean {
    if (!this.loaded.has(`mod_${engine}`)) return false;
    return engine !== 'flite' || FLITE_VOICES.includes(voice.toLowerCase());
  }
}
