import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, openSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CaughtMail {
  mail: ParsedMail;
  /** Where it was saved, without extension (.eml, and .html when it has HTML). */
  file: string;
}

/** A local mail catcher (real SMTP): keeps each mail as .eml and its HTML as .html under `dir`. */
export class MailCatcher {
  private closed: Promise<void> | null = null;

  private constructor(
    private readonly server: SMTPServer,
    readonly mails: CaughtMail[],
  ) {}

  static async start(dir: string, prefix: string): Promise<MailCatcher> {
    mkdirSync(dir, { recursive: true });
    const mails: CaughtMail[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      onData(stream, _session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks);
          simpleParser(raw)
            .then((mail) => {
              const file = join(dir, `${prefix}-${mails.length + 1}`);
              writeFileSync(`${file}.eml`, raw);
              if (mail.html) writeFileSync(`${file}.html`, mail.html);
              mails.push({ mail, file });
              callback();
            })
            .catch((e: Error) => callback(e));
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new MailCatcher(server, mails);
  }

  get port(): number {
    return (this.server.server.address() as AddressInfo).port;
  }

  /** Idempotent: the listening socket is closed once, every caller waits for it. */
  close(): Promise<void> {
    this.closed ??= new Promise<void>((resolve) => this.server.close(() => resolve()));
    return this.closed;
  }
}

/**
 * The hub as a child process (`<this CLI> hub`), its output appended to `logFile`. `stop()` sends
 * SIGTERM, waits for the hub's graceful shutdown, and kills it after `graceMs` if it hangs.
 */
export class HubChild {
  readonly exited: Promise<number | null>;
  private readonly child: ChildProcess;

  constructor(cliEntry: string, env: NodeJS.ProcessEnv, logFile: string) {
    this.child = spawn(process.execPath, [cliEntry, 'hub'], { env, stdio: ['ignore', openSync(logFile, 'a'), openSync(logFile, 'a')] });
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get exitCode(): number | null {
    return this.child.exitCode;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  async stop(graceMs = 30_000): Promise<void> {
    if (!this.running) return;
    this.child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const killed = await Promise.race([
      this.exited.then(() => false),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(true), graceMs);
      }),
    ]);
    clearTimeout(timer);
    if (killed && this.running) {
      this.child.kill('SIGKILL');
      await this.exited;
    }
  }
}
