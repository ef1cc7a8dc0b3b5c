import type { FlagSpec, MeshConfig } from '@voxmesh/config';
import { migrate, type Migration } from '@voxmesh/store';
import type { Logger } from '@voxmesh/telemetry';
import { openDatabase } from './resources.js';

/**
 * `-migrate_only`: a deployment runs the migrations once, in a job, before new replicas
 * roll, instead of racing them at every replica's start (the MySQL named lock keeps that
 * race safe, but a failing migration then fails every pod instead of one job).
 */
export const migrateOnlyFlag: FlagSpec = {
  name: 'migrate_only',
  type: 'bool',
  usage: "apply this service's database migrations, then exit (0 when the schema is current); needs only -dbDSN.",
  default: false,
};

/** Applies `module`'s migrations on the configured database and returns how many ran. */
export async function migrateOnly(module: { name: string; migrations?: Migration[] | undefined }, config: MeshConfig, logger: Logger): Promise<number> {
  if (!module.migrations || module.migrations.length === 0) {
    logger.info({ service: module.name }, 'no migrations for this service');
    return 0;
  }
  if (config.database.kind === 'embedded' && config.database.file === undefined) {
    throw new Error('-migrate_only on the in-memory database keeps nothing once it exits; give -dbDSN a MySQL database');
  }
  const database = await openDatabase(config);
  try {
    const applied = await migrate(database, module.name, module.migrations, logger);
    logger.info({ service: module.name, applied }, 'schema is current');
    return applied;
  } finally {
    await database.close();
  }
}
