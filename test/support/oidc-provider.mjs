// A small OpenID Connect provider for the end-to-end tests: `oidc-provider` (the certified Node
// implementation) in a process of its own, because it is ESM only and jest's module system does not
// load ESM. Started by test/support/oidc.ts; prints one line `ready <issuer>` on stdout.
//
// Environment: OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_REDIRECT_URI (the hub's callback), and
// OIDC_ACCOUNTS: JSON `{ "<login>": { "email": ..., "email_verified": true, "name": ..., "roles": [...] } }`.
// The login page is a plain form (`login` = one of the accounts); consent is implied for the one client.
// PKCE is required for every client, so a hub that did not send it would be refused.
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const accounts = JSON.parse(process.env.OIDC_ACCOUNTS ?? '{}');
const clientId = process.env.OIDC_CLIENT_ID;
let handler = null;
const server = createServer((req, res) => {
  if (handler) handler(req, res);
  else res.writeHead(503).end();
});
server.listen(0, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: process.env.OIDC_CLIENT_SECRET, redirect_uris: [process.env.OIDC_REDIRECT_URI], response_types: ['code'], grant_types: ['authorization_code'], token_endpoint_auth_method: 'client_secret_post' }],
    pkce: { required: () => true },
    scopes: ['openid', 'email', 'profile', 'roles'],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], roles: ['roles'] },
    features: { devInteractions: { enabled: false } },
    cookies: { keys: ['e2e-only-cookie-key-0123456789abcdef'] },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: async (_ctx, id) => (accounts[id] ? { accountId: id, claims: async () => ({ sub: id, ...accounts[id] }) } : undefined),
    // Consent for the one client: every scope asked for is granted.
    loadExistingGrant: async (ctx) => {
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope(ctx.oidc.params.scope ?? 'openid');
      await grant.save();
      return grant;
    },
  });
  const oidc = provider.callback();
  handler = async (req, res) => {
    const m = /^\/interaction\/([\w-]+)(\/login)?$/.exec(req.url.split('?')[0]);
    if (!m) return oidc(req, res);
    try {
      if (req.method === 'GET') {
        await provider.interactionDetails(req, res);
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        return res.end(`<!doctype html><title>Identity provider</title><form method="post" action="/interaction/${m[1]}/login"><label>Login <input name="login"></label><button type="submit">Sign in</button></form>`);
      }
      const body = await new Promise((resolve) => {
        let data = '';
        req.on('data', (c) => (data += c));
        req.on('end', () => resolve(new URLSearchParams(data)));
      });
      const login = body.get('login');
      if (!accounts[login]) {
        res.writeHead(401, { 'content-type': 'text/plain' });
        return res.end('unknown login');
      }
      await provider.interactionFinished(req, res, { login: { accountId: login } }, { mergeWithLastSubmission: false });
    } catch (e) {
      res.writeHead(400, { 'content-type': 'text/plain' });
      res.end(String(e));
    }
  };
  process.stdout.write(`ready ${issuer}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
