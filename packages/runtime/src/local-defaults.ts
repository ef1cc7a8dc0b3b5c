import type { FlagSpec, FlagValue } from '@voxmesh/config';
import { DataDir } from './data-dir.js';

/** The platform's own flags, beside the common ones and the services'. */
export const platformFlags: FlagSpec[] = [
  {
    name: 'data_dir',
    type: 'string',
    usage: 'where the embedded database and the master key are kept when -dbDSN is empty (made when missing; one running platform at a time).',
    default: '.voxmesh',
    check: (value) => (String(value).trim() === '' ? 'must name a directory' : undefined),
  },
];

/**
 * Flags whose default changes on a developer's machine: there the customer's servers
 * (a Pivot voice_url, a webhook receiver, a fetch target) run on the same laptop, so the
 * guard against private and loopback targets would refuse the very thing being tried.
 * Only this machine is opened: private networks stay closed.
 */
export const LOCAL_TARGET_FLAGS = ['fetch_allow_loopback', 'webhook_allow_loopback'] as const;

/** No broker, database or cache address given: everything runs on the in-process stand-ins. */
export function onEmbeddedStandIns(values: Record<string, FlagValue>): boolean {
  const embedded = (value: FlagValue | undefined) => value === undefined || value === '' || String(value).startsWith('embedded');
  // Sentinels name a real Redis even where -redis_addr is left empty.
  return embedded(values.rabbit_addr) && embedded(values.dbDSN) && embedded(values.redis_addr) && !values.redis_sentinels;
}

/** The data directory when the database lives there: `-dbDSN` left empty. */
export function dataDirOf(values: Record<string, FlagValue>): DataDir | undefined {
  return values.dbDSN === '' || values.dbDSN === undefined ? new DataDir(String(values.data_dir ?? '.voxmesh')) : undefined;
}

export interface LocalDefaults {
  /** The flags opened for local targets, to be logged once. */
  opened: string[];
}

/**
 * Sets the platform-level defaults: on the embedded stand-ins, local targets are allowed
 * unless a flag says otherwise; with a data directory, the master key is kept in it.
 * Only flags some module declares and the command line did not set are touched.
 */
export function applyLocalDefaults(specs: FlagSpec[], values: Record<string, FlagValue>, explicit: Set<string>, dataDir: DataDir | undefined): LocalDefaults {
  const declared = new Set(specs.map((spec) => spec.name));
  const settable = (name: string) => declared.has(name) && !explicit.has(name);
  const opened: string[] = [];
  if (onEmbeddedStandIns(values)) {
    for (const name of LOCAL_TARGET_FLAGS) {
      if (!settable(name)) continue;
      values[name] = true;
      opened.push(name);
    }
  }
  if (dataDir && settable('master_api_key_file')) values.master_api_key_file = dataDir.masterKeyFile;
  return { opened };
}
