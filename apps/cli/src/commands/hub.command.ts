import type { Command } from 'commander';
import { runHub } from '@app/hub/main';

export function registerHub(program: Command): void {
  program
    .command('hub')
    .description('run the hub (HTTP, consumers, outbox relay, schedulers) on the configuration in the environment; run `ereceipt migrate` first')
    .action(async () => {
      await runHub();
    });
}
