import type { Command } from 'commander';

/** `ereceipt demo`: the README's first command (`npm run demo` runs it after installing what is missing). */
export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('start Kafka, migrate, run the hub and play one whole trade through it (seller, ERP order, reminder e-mail, buyer confirmation, MT103 deposit); the hub and a local mail catcher keep running until Ctrl+C or SIGTERM')
    .option('--once', 'stop the hub and the mail catcher after the summary (the default when CI=true)')
    .action(async (opts: { once?: boolean }) => {
      // Loaded only here: the other commands need neither the mail catcher nor the builders.
      const { runDemo } = await import('../demo/demo');
      const code = await runDemo({ once: Boolean(opts.once) || process.env.CI === 'true', cliEntry: process.argv[1] ?? '' });
      process.exit(code);
    });
}
