/**
 * How long media lasts in simulated time. A file's length comes from a table (paths
 * or URLs to milliseconds; a negative length means the file does not exist), else a
 * default; text to speech lasts in proportion to its words; FreeSWITCH's stream URLs
 * carry their own lengths.
 */
export interface PromptCatalogOptions {
  files?: Record<string, number>;
  /** Length of a file missing from the table. */
  defaultFileMs?: number;
  /** Speech rate: about 160 words a minute. */
  msPerWord?: number;
}

/** A prompt's length; Infinity plays until something stops it. */
export type PromptLength = { found: true; ms: number } | { found: false };

export class PromptCatalog {
  private readonly files: Map<string, number>;
  private readonly defaultFileMs: number;
  private readonly msPerWord: number;

  constructor(options: PromptCatalogOptions = {}) {
    this.files = new Map(Object.entries(options.files ?? {}));
    this.defaultFileMs = options.defaultFileMs ?? 2000;
    this.msPerWord = options.msPerWord ?? 375;
  }

  setFile(path: string, ms: number): void {
    this.files.set(path, ms);
  }

  /** Speech: a short lead-in plus a fixed time per word, SSML tags ignored. */
  speechMs(text: string): number {
    const words = text
      .replace(/<[^>]*>/g, ' ')
      .split(/\s+/)
      .filter((word) => word !== '').length;
    return Math.max(500, 300 + words * this.msPerWord);
  }

  /** The length of what `playback` is given: a file, a URL or a stream. */
  length(source: string): PromptLength {
    const path = source.trim().replace(/^\{[^}]*\}/, '');
    if (path.startsWith('file_string://')) {
      let total = 0;
      for (const part of path.slice('file_string://'.length).split('!')) {
        const length = this.length(part);
        if (!length.found) return length;
        total += length.ms;
      }
      return { found: true, ms: total };
    }
    if (path.startsWith('silence_stream://')) {
      const ms = Number.parseInt(path.slice('silence_stream://'.length), 10);
      return { found: true, ms: Number.isNaN(ms) || ms < 0 ? Infinity : ms };
    }
    if (path.startsWith('tone_stream://')) return { found: true, ms: toneStreamMs(path.slice('tone_stream://'.length)) };
    if (path.startsWith('say:')) return { found: true, ms: this.speechMs(path.slice(4)) };
    const known = this.files.get(path);
    if (known !== undefined) return known < 0 ? { found: false } : { found: true, ms: known };
    return { found: true, ms: this.defaultFileMs };
  }
}

/**
 * A TGML tone's length: each `%(on,off,freqs)` segment lasts on + off ms, and
 * `L=n;` or `;loops=n` repeat the whole (-1 for ever).
 */
export function toneStreamMs(spec: string): number {
  let loops = 1;
  const leading = /^L=(-?\d+);/.exec(spec);
  if (leading) loops = Number(leading[1]);
  const trailing = /;loops=(-?\d+)/.exec(spec);
  if (trailing) loops = Number(trailing[1]);
  let once = 0;
  for (const match of spec.matchAll(/%\((\d+),(\d+)/g)) once += Number(match[1]) + Number(match[2]);
  if (once === 0) once = 1000;
  return loops < 0 ? Infinity : once * Math.max(1, loops);
}
