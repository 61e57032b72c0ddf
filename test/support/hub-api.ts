import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const CLI = join(__dirname, '..', '..', 'bin', 'ereceipt.js');

/** A JSON answer of the hub's API (bodies are loosely typed: the tests assert on them). */
export interface ApiAnswer {
  status: number;
  headers: Headers;
  body: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export type ApiCall = (method: string, path: string, body?: unknown, bearer?: string) => Promise<ApiAnswer>;

/** A bearer token for `role`, made by `ereceipt tokens create` against the suite's database. */
export function createToken(databaseUrl: string, role: string, sellerId?: string): string {
  return execFileSync(process.execPath, [CLI, 'tokens', 'create', '--role', role, ...(sellerId ? ['--seller', sellerId] : [])], { env: { ...process.env, DATABASE_URL: databaseUrl } })
    .toString()
    .trim();
}

/**
 * JSON calls to `<baseUrl>/api/v1<path>` with a bearer token (`defaultBearer()` unless given). A
 * kept-alive socket the server closed while a token was being created fails before the request is
 * sent: it is sent again once.
 */
export function apiClient(baseUrl: () => string, defaultBearer: () => string): ApiCall {
  return async (method, path, body, bearer = defaultBearer()) => {
    const send = () =>
      fetch(`${baseUrl()}/api/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${bearer}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    const res = await send().catch(send);
    return { status: res.status, headers: res.headers, body: (await res.json()) as ApiAnswer['body'] };
  };
}
