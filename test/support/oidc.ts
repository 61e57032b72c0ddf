import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

export interface OidcAccount {
  email?: string;
  email_verified?: boolean;
  name?: string;
  roles?: string[] | string;
  seller_id?: string;
}

/**
 * The small OpenID Connect provider of test/support/oidc-provider.mjs (`oidc-provider`, ESM only) in a
 * child process: jest's module system does not load ESM, a process of its own does.
 */
export class OidcProviderProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly issuer: string,
  ) {}

  static async start(options: { clientId: string; clientSecret: string; redirectUri: string; accounts: Record<string, OidcAccount> }): Promise<OidcProviderProcess> {
    const child = spawn(process.execPath, [join(__dirname, 'oidc-provider.mjs')], {
      env: { ...process.env, NODE_ENV: 'test', OIDC_CLIENT_ID: options.clientId, OIDC_CLIENT_SECRET: options.clientSecret, OIDC_REDIRECT_URI: options.redirectUri, OIDC_ACCOUNTS: JSON.stringify(options.accounts) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr?.on('data', (c: Buffer) => (err += c.toString()));
    const issuer = await new Promise<string>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`the OIDC provider did not start in 30 s: ${err}`)), 30_000);
      child.stdout?.on('data', (c: Buffer) => {
        out += c.toString();
        const m = /ready (\S+)/.exec(out);
        if (m?.[1]) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the OIDC provider exited with ${code}: ${err}`));
      });
    });
    return new OidcProviderProcess(child, issuer);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.kill('SIGTERM');
    });
  }
}
