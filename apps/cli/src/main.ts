// First: starts tracing for `ereceipt hub` before anything it instruments is loaded.
import './tracing.preload';
import 'reflect-metadata';
import { Command } from 'commander';
import { ConfigError } from '@ereceipt/config';
import { isDomainError } from '@ereceipt/contracts';
import { registerAudit } from './commands/audit.command';
import { registerDemo } from './commands/demo.command';
import { registerDocs } from './commands/docs.command';
import { registerHub } from './commands/hub.command';
import { registerLedger } from './commands/ledger.command';
import { registerMatching } from './commands/matching.command';
import { registerMigrate } from './commands/migrate.command';
import { registerParse } from './commands/parse.command';
import { registerPush } from './commands/push.command';
import { registerReport } from './commands/report.command';
import { registerServices } from './commands/services.command';
import { registerTokens } from './commands/tokens.command';
import { registerUsers } from './commands/users.command';

const program = new Command('ereceipt')
  .description('ereceipt-hub: bank remittances in, e-receipt orders matched, funds settled, events out')
  .showHelpAfterError()
  .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 2));

for (const register of [registerHub, registerMigrate, registerTokens, registerUsers, registerServices, registerParse, registerPush, registerDocs, registerReport, registerLedger, registerMatching, registerAudit, registerDemo]) register(program);

program.parseAsync(process.argv).catch((e: unknown) => {
  if (e instanceof ConfigError) {
    process.stderr.write(`${e.message}\n`);
    process.exit(2);
  }
  if (isDomainError(e) && e.code.startsWith('AUTH.')) {
    process.stderr.write(`ereceipt: ${e.message} (${e.code})\n`);
    process.exit(2);
  }
  process.stderr.write(`ereceipt: ${e instanceof Error ? (process.env.DEBUG ? (e.stack ?? e.message) : e.message) : String(e)}\n`);
  process.exit(1);
});
