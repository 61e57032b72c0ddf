import type { Command } from 'commander';
import { localServices } from '../repo-root';

export function registerServices(program: Command): void {
  const services = program.command('services').description('the local Kafka broker (from Maven Central jars) and a PostgreSQL check');
  services.command('up').description('start Kafka (KRaft, 127.0.0.1:9092) and check PostgreSQL; does nothing when already up').action(async () => {
    await localServices().up();
  });
  services
    .command('down')
    .description('stop the local Kafka broker cleanly')
    .option('--purge', 'also delete its data')
    .action(async (opts: { purge?: boolean }) => {
      await localServices().down({ purge: Boolean(opts.purge) });
    });
  services.command('status').description('show what runs').action(async () => {
    await localServices().status();
  });
}
