import type { Command } from 'commander';
import { down, formatStatus, status, up } from '@tools/services';

export function registerServices(program: Command): void {
  const services = program.command('services').description('the local Kafka broker (from Maven Central jars) and a PostgreSQL check, for development and tests');
  services.command('up').description('start Kafka (KRaft, 127.0.0.1:9092) and check PostgreSQL (DATABASE_URL; creates the database); does nothing when already up').action(async () => {
    await up();
  });
  services
    .command('down')
    .description('stop the local Kafka broker this checkout started, cleanly')
    .option('--purge', 'also delete its data (.local/kafka/data)')
    .action(async (opts: { purge?: boolean }) => {
      await down({ purge: Boolean(opts.purge) });
    });
  services
    .command('status')
    .description('show what runs; exit code 1 when Kafka or PostgreSQL does not answer')
    .action(async () => {
      const state = await status();
      for (const line of formatStatus(state)) console.log(line);
      if (!state.up) process.exitCode = 1;
    });
}
