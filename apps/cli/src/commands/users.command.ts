import { type Command, Option } from 'commander';
import { roles, type Role, UsersService } from '@ereceipt/auth';
import { loadConfig } from '@ereceipt/config';
import { withHubOrm } from '../hub-orm';

async function stdinPassword(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

const service = (orm: Parameters<Parameters<typeof withHubOrm>[0]>[0]) => new UsersService(orm.em.fork(), loadConfig());

/** People: local users of the console and the API (argon2id passwords, optional TOTP). */
export function registerUsers(program: Command): void {
  const users = program.command('users').description('people who sign in to the console and the API');
  users
    .command('create')
    .description('create a user; without --password-stdin a random password is generated and printed once')
    .requiredOption('--email <email>', 'the e-mail the user signs in with (and the name audit rows carry)')
    .addOption(new Option('--role <role>', 'the role').choices(roles.filter((r) => r !== 'connector')).makeOptionMandatory())
    .option('--seller <id>', 'the seller a seller user acts for')
    .option('--name <text>', 'a display name')
    .option('--password-stdin', 'read the password from the first line of stdin (at least 12 characters)')
    .action(async (opts: { email: string; role: Role; seller?: string; name?: string; passwordStdin?: boolean }) => {
      const password = opts.passwordStdin ? await stdinPassword() : null;
      await withHubOrm(async (orm) => {
        const created = await service(orm).create({ email: opts.email, role: opts.role, sellerId: opts.seller ?? null, displayName: opts.name ?? null, password });
        process.stdout.write(password ? `created ${created.email} (${created.id})\n` : `created ${created.email} (${created.id})\npassword: ${created.password}\n`);
      });
    });
  users
    .command('list')
    .description('every user: e-mail, role, seller, second factor, state')
    .action(async () => {
      await withHubOrm(async (orm) => {
        for (const u of await service(orm).list()) {
          process.stdout.write(`${[u.email, u.role, u.sellerId ?? '-', u.totpSecret ? 'totp' : 'password only', u.disabledAt ? 'disabled' : 'active'].join('  ')}\n`);
        }
      });
    });
  users
    .command('reset-password')
    .description('set a new password (generated and printed unless --password-stdin); the user\'s sessions end')
    .requiredOption('--email <email>')
    .option('--password-stdin', 'read the new password from stdin')
    .action(async (opts: { email: string; passwordStdin?: boolean }) => {
      const password = opts.passwordStdin ? await stdinPassword() : null;
      await withHubOrm(async (orm) => {
        const next = await service(orm).resetPassword(opts.email, password);
        process.stdout.write(password ? `password of ${opts.email} changed\n` : `password: ${next}\n`);
      });
    });
  users
    .command('totp')
    .description('turn the TOTP second factor on (prints the otpauth:// URI to scan) or off')
    .requiredOption('--email <email>')
    .option('--off', 'turn it off')
    .action(async (opts: { email: string; off?: boolean }) => {
      await withHubOrm(async (orm) => {
        const set = await service(orm).setTotp(opts.email, !opts.off);
        process.stdout.write(set ? `secret: ${set.secret}\nuri: ${set.uri}\n` : `second factor of ${opts.email} turned off\n`);
      });
    });
  users
    .command('disable')
    .description('the user can no longer sign in; their sessions end')
    .requiredOption('--email <email>')
    .action(async (opts: { email: string }) => {
      await withHubOrm(async (orm) => {
        await service(orm).disable(opts.email);
        process.stdout.write(`${opts.email} disabled\n`);
      });
    });
}
