import { ConfigError, loadConfig } from '@ereceipt/config';

describe('loadConfig', () => {
  it('applies the docs/contract.md defaults', () => {
    const c = loadConfig({});
    expect(c.databaseUrl).toBe('postgres://postgres@127.0.0.1:5432/ereceipt_hub');
    expect(c.kafka.brokers).toEqual(['127.0.0.1:9092']);
    expect(c.kafka.groupId).toBe('ereceipt-hub');
    expect(c.smtp.url).toBe('smtp://127.0.0.1:1025');
    expect(c.http.port).toBe(3000);
    expect(c.http.publicUrl).toBe('http://localhost:3000');
    expect(c.hubSecretGenerated).toBe(true);
    expect([...c.roles]).toEqual(['http', 'consumers', 'relay', 'schedulers']);
  });

  it('lists every problem, one line each', () => {
    let error: unknown;
    try {
      loadConfig({ HTTP_PORT: 'eighty', KAFKA_BROKERS: 'nohostport', DATABASE_URL: 'mysql://x', HUB_ROLES: 'http,bogus' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(4);
    expect(problems.join('\n')).toMatch(/HTTP_PORT/);
    expect(problems.join('\n')).toMatch(/KAFKA_BROKERS: must be host:port/);
    expect(problems.join('\n')).toMatch(/DATABASE_URL: must be a URL starting with postgres:/);
    expect(problems.join('\n')).toMatch(/HUB_ROLES/);
  });

  it('requires HUB_SECRET in production only', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/HUB_SECRET: required in production/);
    expect(loadConfig({ NODE_ENV: 'production', HUB_SECRET: 'x'.repeat(32) }).hubSecretGenerated).toBe(false);
  });

  it('OpenID Connect: off by default; on with issuer, client and a role map; every problem named', () => {
    expect(loadConfig({}).oidc).toBeNull();
    const on = loadConfig({ OIDC_ISSUER: 'https://id.example.com/realms/hub', OIDC_CLIENT_ID: 'hub', OIDC_ROLE_MAP: 'hub-finance=finance, hub-admin=admin,urn:x:seller=seller', PUBLIC_URL: 'https://hub.example.com/' });
    expect(on.oidc).toEqual({
      issuer: 'https://id.example.com/realms/hub', clientId: 'hub', clientSecret: null, redirectUri: 'https://hub.example.com/console/oidc/callback',
      scope: 'openid email profile', rolesClaim: 'roles', roleMap: { 'hub-finance': 'finance', 'hub-admin': 'admin', 'urn:x:seller': 'seller' }, sellerClaim: 'seller_id',
    });
    expect(() => loadConfig({ OIDC_CLIENT_ID: 'hub' })).toThrow(/OIDC_ISSUER: required[\s\S]*OIDC_ROLE_MAP: required/);
    expect(() => loadConfig({ OIDC_ISSUER: 'http://id.example.com', OIDC_CLIENT_ID: 'hub', OIDC_ROLE_MAP: 'a=finance' })).toThrow(/OIDC_ISSUER: must be https/);
    expect(loadConfig({ OIDC_ISSUER: 'http://127.0.0.1:4000', OIDC_CLIENT_ID: 'hub', OIDC_ROLE_MAP: 'a=finance' }).oidc?.issuer).toBe('http://127.0.0.1:4000');
    expect(() => loadConfig({ OIDC_ISSUER: 'https://id.example.com', OIDC_CLIENT_ID: 'hub', OIDC_ROLE_MAP: 'a=connector,b=finance,b=admin' })).toThrow(/connector is for machine tokens[\s\S]*b is mapped twice/);
    expect(() => loadConfig({ OIDC_ISSUER: 'https://id.example.com', OIDC_CLIENT_ID: 'hub', OIDC_ROLE_MAP: 'a=finance', OIDC_REDIRECT_URI: 'https://hub.example.com/cb' })).toThrow(/OIDC_REDIRECT_URI: must end with the path \/console\/oidc\/callback/);
    expect(() => loadConfig({ OIDC_ISSUER: 'https://id.example.com', OIDC_CLIENT_ID: 'hub', OIDC_ROLE_MAP: 'a=finance', OIDC_REDIRECT_URI: 'not a url' })).toThrow(/OIDC_REDIRECT_URI: must be a URL/);
  });

  it('splits roles so one image runs as API-only or worker-only', () => {
    expect([...loadConfig({ HUB_ROLES: 'consumers, relay' }).roles]).toEqual(['consumers', 'relay']);
  });

  it('KAFKA_CONSUME_TOPICS narrows the consumed feeds to known inbound topics', () => {
    expect(loadConfig({}).kafka.consumeTopics).toBeNull();
    expect(loadConfig({ KAFKA_CONSUME_TOPICS: 'erp.orders, logistics.events' }).kafka.consumeTopics).toEqual(['erp.orders', 'logistics.events']);
    expect(() => loadConfig({ KAFKA_CONSUME_TOPICS: 'erp.order' })).toThrow(/KAFKA_CONSUME_TOPICS/);
  });

  it('reminder rate limit and buyer link lifetime have sensible defaults', () => {
    expect(loadConfig({})).toMatchObject({ buyerLinkTtlDays: 30, reminders: { minIntervalSeconds: 900, maxPerDay: 5 }, trustProxy: null });
  });

  it('the buyers\' pages rate limit: 60 requests a minute per client by default, configurable, checked', () => {
    expect(loadConfig({}).buyerPageRateLimit).toEqual({ points: 60, windowSeconds: 60 });
    expect(loadConfig({ BUYER_PAGE_RATE_LIMIT: '5', BUYER_PAGE_RATE_WINDOW_SECONDS: '600' }).buyerPageRateLimit).toEqual({ points: 5, windowSeconds: 600 });
    expect(() => loadConfig({ BUYER_PAGE_RATE_LIMIT: '0', BUYER_PAGE_RATE_WINDOW_SECONDS: 'soon' })).toThrow(/BUYER_PAGE_RATE_LIMIT[\s\S]*BUYER_PAGE_RATE_WINDOW_SECONDS/);
  });

  it('the daily report mail: recipients, local time and time zone, each checked', () => {
    expect(loadConfig({}).reportMail).toEqual({ to: [], at: '07:00', timeZone: 'UTC' });
    expect(loadConfig({ REPORT_MAIL_TO: 'finance@a.example, cfo@a.example', REPORT_MAIL_AT: '06:30', REPORT_MAIL_TIME_ZONE: 'Asia/Shanghai' }).reportMail).toEqual({ to: ['finance@a.example', 'cfo@a.example'], at: '06:30', timeZone: 'Asia/Shanghai' });
    expect(() => loadConfig({ REPORT_MAIL_TO: 'finance', REPORT_MAIL_AT: '25:00', REPORT_MAIL_TIME_ZONE: 'Mars/Base' })).toThrow(/REPORT_MAIL_TO[\s\S]*REPORT_MAIL_AT[\s\S]*REPORT_MAIL_TIME_ZONE/);
  });

  it('return fees per currency: defaults, a configured list, and each bad item named', () => {
    expect(loadConfig({}).returnFees).toEqual({ USD: '25.00', EUR: '25.00', GBP: '20.00', CNY: '150.00', HKD: '200.00', JPY: '3500' });
    expect(loadConfig({ RETURN_FEES: 'USD=30.00, KWD=7.500' }).returnFees).toEqual({ USD: '30.00', KWD: '7.500' });
    let error: unknown;
    try {
      loadConfig({ RETURN_FEES: 'USD=25.001,ABC=1,EUR25,JPY=1,JPY=2' });
    } catch (e) {
      error = e;
    }
    expect((error as ConfigError).problems).toEqual([
      'RETURN_FEES: "USD=25.001": 25.001 is not an amount in USD (a decimal string with at most its minor digits)',
      'RETURN_FEES: "ABC=1": expected CUR=AMOUNT with an ISO 4217 currency, e.g. USD=25.00',
      'RETURN_FEES: "EUR25": expected CUR=AMOUNT with an ISO 4217 currency, e.g. USD=25.00',
      'RETURN_FEES: "JPY=2": JPY is given twice',
    ]);
  });
});
