import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { join } from 'node:path';
import { dropDatabase, freePort, REPO_ROOT, withDatabase } from '@ereceipt/testing';
import { verifyAudit } from '../support/audit';
import { groupAtTheEnd } from '../support/kafka-tap';
import { verifyLedger } from '../support/ledger';
import { verifyReplay } from '../support/replay';

/** A demo run: its output so far, a wait for a line, and its end (exit code of the spawned process, once stdout closed). */
function startDemo(command: string, args: string[], env: Record<string, string>) {
  const child: ChildProcess = spawn(command, args, { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : null))));
  const closed = new Promise<number | null>((resolve) => child.stdout?.once('close', () => resolve(exited)));
  return {
    child,
    closed,
    stdout: () => out,
    async waitFor(line: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const m = line.exec(out);
        if (m) return m;
        if (child.exitCode !== null || Date.now() > deadline) throw new Error(`no ${line} in the demo's output (exit ${child.exitCode}):\n${out.slice(-3000)}\n${err.slice(-2000)}`);
        await new Promise((r) => setTimeout(r, 250));
      }
    },
  };
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Whether something accepts connections on 127.0.0.1:port. */
const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

/**
 * The README's first command, `npm run demo` (= `ereceipt demo`), on the real services: it must run
 * the whole story (seller approved, ERP order, reminder e-mail, buyer confirmation, deposit wired and
 * associated), keep the hub and the mail catcher up, and stop both on SIGTERM or SIGINT.
 */
describe('npm run demo / ereceipt demo (the README first command)', () => {
  const run = randomUUID().slice(0, 8);
  const base = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/ereceipt_hub_test';
  const databaseUrl = withDatabase(base, `ereceipt_hub_test_demo_${run}`);

  afterAll(async () => dropDatabase(databaseUrl));

  it('`npm run demo` plays the trade through; SIGTERM to npm then stops the demo, its hub and its mail catcher (nothing keeps a port)', async () => {
    const groupId = `demo-e2e-${run}`;
    await groupAtTheEnd(groupId);
    const port = await freePort();
    // CI=true would mean --once: this run waits, like a person's, until it is stopped.
    const demo = startDemo('npm', ['run', 'demo'], { HTTP_PORT: String(port), DATABASE_URL: databaseUrl, KAFKA_GROUP_ID: groupId, LOG_LEVEL: 'warn', CI: '' });
    const waiting = await demo.waitFor(/the hub \(pid (\d+), http:\/\/127\.0\.0\.1:(\d+)\) and the mail catcher \(smtp:\/\/127\.0\.0\.1:(\d+)\) keep running/, 400_000);
    const stdout = demo.stdout();
    expect(stdout).toMatch(/\[3\] the seller submits; the hub e-mails the buyer a payment reminder/);
    expect(stdout).toMatch(/buyer's link \(open it in a browser\): http:\/\/localhost:\d+\/api\/v1\/buyer\/orders\/EO-\d{4}-\d{6}\?t=/);
    expect(stdout).toMatch(/confirmed at \d{4}-\d{2}-\d{2}T/);
    expect(stdout).toMatch(/'mt103'\s+│ 'DEMO[0-9A-Z]+'\s+│ 'USD'\s+│ '1860\.00'\s+│ 'VA88\d+'\s+│ 'ASSOCIATED'/);
    expect(stdout).toMatch(/order EO-\d{4}-\d{6}: CONFIRMED, payment PARTLY_PAID, paid USD 1860\.00 of 6200\.00/);
    expect(stdout).toMatch(/reconciliation for \d{4}-\d{2}-\d{2} \(UTC/);
    expect(stdout).toMatch(/finance console\s+http:\/\/127\.0\.0\.1:\d+\/console/);
    const [hubPid, httpPort, smtpPort] = [Number(waiting[1]), Number(waiting[2]), Number(waiting[3])];
    expect(httpPort).toBe(port);
    expect(alive(hubPid)).toBe(true);
    expect(await listening(port)).toBe(true);
    expect(await listening(smtpPort)).toBe(true);

    // npm passes SIGTERM to the `sh -c` it runs the script in, which dies without passing it on.
    demo.child.kill('SIGTERM');
    await demo.closed; // every process holding our stdout (npm, sh, the demo) has exited
    expect(demo.stdout()).toMatch(/: stopping the hub \(pid \d+\) and the mail catcher \.\.\.\nstopped\.\n/);
    expect(alive(hubPid)).toBe(false);
    expect(await listening(port)).toBe(false);
    expect(await listening(smtpPort)).toBe(false);
  }, 420_000); // the whole trade, on a machine busy with other suites

  it('`ereceipt demo` interrupted (SIGINT) while the trade runs stops its hub and mail catcher and exits 130', async () => {
    const groupId = `demo-e2e-int-${run}`;
    await groupAtTheEnd(groupId);
    const port = await freePort();
    const demo = startDemo(process.execPath, [join(REPO_ROOT, 'bin', 'ereceipt.js'), 'demo'], { HTTP_PORT: String(port), DATABASE_URL: databaseUrl, KAFKA_GROUP_ID: groupId, LOG_LEVEL: 'warn', CI: '' });
    const started = await demo.waitFor(/starting the hub on \S+ \(pid (\d+),/, 120_000);
    await demo.waitFor(/hub ready/, 120_000);
    const hubPid = Number(started[1]);
    expect(await listening(port)).toBe(true);
    demo.child.kill('SIGINT');
    const code = await demo.closed;
    expect({ code, out: demo.stdout().slice(-1000) }).toEqual({ code: 130, out: expect.stringMatching(/SIGINT: stopping the hub \(pid \d+\) and the mail catcher \.\.\.\n(.*\n)*stopped before the trade finished\.\n$/) });
    expect(alive(hubPid)).toBe(false);
    expect(await listening(port)).toBe(false);
  }, 300_000);

  it('every association audit chain recomputes (ereceipt audit verify)', () => {
    expect(verifyAudit(databaseUrl)).toBeGreaterThan(0);
  });

  it('a replay of every decision with the rules in force changes nothing (ereceipt matching replay)', () => {
    expect(verifyReplay(databaseUrl)).toBeGreaterThan(0);
  });

  it('the ledger balances at the end (ereceipt ledger verify)', () => {
    verifyLedger(databaseUrl);
  });
});
