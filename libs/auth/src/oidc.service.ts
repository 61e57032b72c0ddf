import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type * as OpenId from 'openid-client';
import { HUB_CONFIG, type HubConfig } from '@ereceipt/config';
import { identityFromClaims, type OidcCode } from './oidc.rules';
import { type OidcSignInResult, UsersService } from './users.service';

/** The flow cookie lives this long: the person has ten minutes at the provider. */
const FLOW_SECONDS = 600;

export type OidcFinishResult = OidcSignInResult | { ok: false; code: OidcCode | 'AUTH.OIDC_STATE' | 'AUTH.OIDC_DENIED' | 'AUTH.OIDC_FAILED'; reason: string };

interface Flow {
  state: string;
  nonce: string;
  verifier: string;
  /** Unix seconds after which the flow is refused. */
  until: number;
}

/**
 * OpenID Connect sign-in with `openid-client` (authorization code flow with PKCE S256, state and
 * nonce; the ID token checked by the library: issuer, audience, signature, expiry, nonce). The
 * state, nonce and code verifier travel in a short-lived cookie encrypted with AES-256-GCM under a
 * key derived from `HUB_SECRET`, so any replica can finish a flow another one started.
 *
 * `openid-client` is ESM only and the hub is CommonJS: it is loaded on first use with `import()`,
 * which the CommonJS build turns into `require()`, which Node loads as ESM (require(esm): Node
 * 20.19+, 22.12+, 24). Nothing loads it when OIDC is not configured, so the unit tier never does.
 */
@Injectable()
export class OidcService {
  private readonly log = new Logger(OidcService.name);
  private discovered: Promise<{ lib: typeof OpenId; config: OpenId.Configuration }> | null = null;

  constructor(
    private readonly users: UsersService,
    @Inject(HUB_CONFIG) private readonly config: Pick<HubConfig, 'oidc' | 'hubSecret'>,
  ) {}

  get enabled(): boolean {
    return this.config.oidc !== null;
  }

  /** The provider's authorization URL (code flow, PKCE) and the encrypted flow cookie value to set. */
  async start(): Promise<{ url: string; flow: string; maxAgeSeconds: number }> {
    const oidc = this.settings();
    const { lib, config } = await this.provider();
    const flow: Flow = { state: lib.randomState(), nonce: lib.randomNonce(), verifier: lib.randomPKCECodeVerifier(), until: Math.floor(Date.now() / 1000) + FLOW_SECONDS };
    const url = lib.buildAuthorizationUrl(config, {
      redirect_uri: oidc.redirectUri,
      scope: oidc.scope,
      code_challenge: await lib.calculatePKCECodeChallenge(flow.verifier),
      code_challenge_method: 'S256',
      state: flow.state,
      nonce: flow.nonce,
    });
    return { url: url.href, flow: this.seal(flow), maxAgeSeconds: FLOW_SECONDS };
  }

  /**
   * The provider sent the person back to the redirect URI (`callbackUrl` is that URI with the query
   * as received): the code is exchanged, the claims (ID token, then UserInfo) mapped to a hub person,
   * and a session opened as for a local user.
   */
  async finish(callbackUrl: URL, sealedFlow: string | undefined): Promise<OidcFinishResult> {
    const oidc = this.settings();
    const denied = callbackUrl.searchParams.get('error');
    if (denied) return { ok: false, code: 'AUTH.OIDC_DENIED', reason: `The identity provider did not sign you in (${denied.slice(0, 100)}).` };
    const flow = sealedFlow ? this.open(sealedFlow) : null;
    if (!flow || flow.until < Date.now() / 1000) return { ok: false, code: 'AUTH.OIDC_STATE', reason: 'The sign-in took too long or started in another browser; start it again.' };
    const { lib, config } = await this.provider();
    let claims: Record<string, unknown>;
    try {
      // openid-client compares the redirect URI it is given with the one of the request: the configured one, with the query received.
      const current = new URL(oidc.redirectUri);
      current.search = callbackUrl.search;
      const tokens = await lib.authorizationCodeGrant(config, current, { pkceCodeVerifier: flow.verifier, expectedState: flow.state, expectedNonce: flow.nonce, idTokenExpected: true });
      const idClaims: Record<string, unknown> = { ...tokens.claims() };
      const subject = typeof idClaims.sub === 'string' ? idClaims.sub : '';
      const info = config.serverMetadata().userinfo_endpoint ? await lib.fetchUserInfo(config, tokens.access_token, subject) : {};
      claims = { ...info, ...idClaims };
    } catch (e) {
      this.log.warn(`OIDC code exchange failed: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
      return { ok: false, code: 'AUTH.OIDC_FAILED', reason: 'The identity provider\'s answer could not be verified; start the sign-in again.' };
    }
    const person = identityFromClaims(claims, oidc);
    if (!person.ok) return person;
    return this.users.signInOidc(oidc.issuer, person);
  }

  private settings(): NonNullable<HubConfig['oidc']> {
    if (!this.config.oidc) throw new Error('OpenID Connect is not configured (OIDC_ISSUER)');
    return this.config.oidc;
  }

  /** Discovery once per process (again after a failure, so a provider that was down is found later). */
  private provider(): Promise<{ lib: typeof OpenId; config: OpenId.Configuration }> {
    const oidc = this.settings();
    this.discovered ??= (async () => {
      const lib = await import('openid-client');
      const auth = oidc.clientSecret ? lib.ClientSecretPost(oidc.clientSecret) : lib.None();
      // http:// is accepted only for a provider on this machine (libs/config refuses it elsewhere): tests and local development.
      const execute = new URL(oidc.issuer).protocol === 'http:' ? [lib.allowInsecureRequests] : [];
      const config = await lib.discovery(new URL(oidc.issuer), oidc.clientId, oidc.clientSecret ?? undefined, auth, { execute });
      return { lib, config };
    })();
    this.discovered.catch(() => {
      this.discovered = null;
    });
    return this.discovered;
  }

  private key(): Buffer {
    return createHash('sha256').update(`oidc-flow\n${this.config.hubSecret}`).digest();
  }

  private seal(flow: Flow): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key(), iv);
    const body = Buffer.concat([cipher.update(JSON.stringify(flow), 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
  }

  private open(sealed: string): Flow | null {
    try {
      const raw = Buffer.from(sealed, 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', this.key(), raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      const flow = JSON.parse(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8')) as Flow;
      return typeof flow.state === 'string' && typeof flow.nonce === 'string' && typeof flow.verifier === 'string' && typeof flow.until === 'number' ? flow : null;
    } catch {
      return null;
    }
  }
}
