import { readCommandLine } from '@voxmesh/config';
import { createLogger } from '@voxmesh/telemetry';
import { FLAGS, HELP_INTRO, mergeRepeated, optionsFromFlags } from './cli.js';
import { EslSimulator } from './simulator.js';

async function main(): Promise<void> {
  if (process.argv.slice(2).some((arg) => /^--?(h|help)$/.test(arg))) process.stdout.write(HELP_INTRO);
  const { values } = readCommandLine('esl-sim', FLAGS, mergeRepeated(process.argv.slice(2), 'app_addr'));
  const logger = createLogger({ service: 'esl-sim', level: String(values.log_level), format: values.log_format === 'pretty' ? 'pretty' : 'json' });
  let options: ReturnType<typeof optionsFromFlags>;
  try {
    options = optionsFromFlags(values, logger);
  } catch (error) {
    process.stderr.write(`invalid value for flag -prompt_table: ${(error as Error).message}\n`);
    process.exit(2);
  }
  const simulator = new EslSimulator(options);
  try {
    await simulator.start();
  } catch (error) {
    logger.error({ err: error }, 'esl-sim could not start');
    process.exit(1);
  }
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'esl-sim stopping');
    void simulator.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'esl-sim stop failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

await main();
