import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { inboundTopics } from '@ereceipt/contracts';
import { isCurrency, isValidAmount } from '@ereceipt/money';

/**
 * The one validated configuration (docs/contract.md "Configuration", docs/conventions.md §7). Only this module
 * reads `process.env`; everything else receives a `HubConfig`.
 */
const hubRoles = ['http', 'consumers', 'relay', 'schedulers'] as const;
/** The roles a person may get from an OpenID Connect claim (libs/auth `roles` less `connector`, which is for machine tokens). */
export const oidcRoles = ['seller', 'finance', 'admin'] as const;
export type OidcRole = (typeof oidcRoles)[number];

/**
 * OpenID Connect sign-in (authorization code + PKCE, libs/auth `oidc.service.ts`): the provider, the
 * client registered there, and how claims become a hub person (`libs/auth/README.md` "OpenID Connect").
 */
export interface OidcConfig {
  issuer: string;
  clientId: string;
  /** Absent: a public client (PKCE alone). */
  clientSecret: string | null;
  /** `<PUBLIC_URL>/console/oidc/callback` unless given. */
  redirectUri: string;
  scope: string;
  /** The claim holding the person's roles or groups (a string or a list; a dotted path for nested claims). */
  rolesClaim: string;
  /** Claim value -> hub role; a person whose values map to no role (or to two) is refused. */
  roleMap: Readonly<Record<string, OidcRole>>;
  /** The claim naming the seller a `seller` person acts for. */
  sellerClaim: string;
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;
export type HubRole = (typeof hubRoles)[number];

const url = (protocols: string[]) =>
  z.string().refine((v) => {
    try {
      return protocols.includes(new URL(v).protocol);
    } catch {
      return false;
    }
  }, `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`);

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** `USD=25.00,EUR=25.00`: a fee per ISO 4217 currency, each with that currency's minor digits. */
const feesByCurrency = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((v, ctx) => {
    const fees: Record<string, string> = {};
    for (const item of v.split(',').map((x) => x.trim()).filter(Boolean)) {
      const [currency = '', amount = '', extra] = item.split('=').map((x) => x.trim());
      if (extra !== undefined || !isCurrency(currency)) ctx.addIssue({ code: 'custom', message: `"${item}": expected CUR=AMOUNT with an ISO 4217 currency, e.g. USD=25.00` });
      else if (!isValidAmount(amount, currency)) ctx.addIssue({ code: 'custom', message: `"${item}": ${amount || '(empty)'} is not an amount in ${currency} (a decimal string with at most its minor digits)` });
      else if (fees[currency] !== undefined) ctx.addIssue({ code: 'custom', message: `"${item}": ${currency} is given twice` });
      else fees[currency] = amount;
    }
    return fees;
  });

const envSchema = z.object({
  NODE_ENV: z.enum(['production', 'development', 'test', 'demo']).default('development'),
  DATABASE_URL: url(['postgres:', 'postgresql:']).default('postgres://postgres@127.0.0.1:5432/ereceipt_hub'),
  KAFKA_BROKERS: z
    .string()
    .default('127.0.0.1:9092')
    .refine((v) => v.split(',').every((b) => /^[\w.-]+:\d{1,5}$/.test(b.trim())), 'must be host:port[,host:port...]'),
  KAFKA_GROUP_ID: z.string().min(1).default('ereceipt-hub'),
  KAFKA_CLIENT_ID: z.string().min(1).default('ereceipt-hub'),
  KAFKA_TOPIC_PARTITIONS: int(1, 1000).default(3),
  KAFKA_PARTITIONS_CONCURRENCY: int(1, 64).default(3),
  KAFKA_SESSION_TIMEOUT_MS: int(6_000, 300_000).default(30_000),
  INBOUND_BATCH_SIZE: int(1, 10_000).default(500),
  MATCHING_INDEX_MAX_ORDERS: int(0, 100_000_000).default(1_500_000),
  KAFKA_CONSUME_TOPICS: z
    .string()
    .optional()
    .transform((v) => (v ? v.split(',').map((t) => t.trim()).filter(Boolean) : null))
    .pipe(z.array(z.enum(Object.values(inboundTopics) as [string, ...string[]])).min(1).nullable()),
  SMTP_URL: url(['smtp:', 'smtps:']).default('smtp://127.0.0.1:1025'),
  MAIL_FROM: z.string().default('e-receipt hub <no-reply@ereceipt-hub.local>'),
  HTTP_PORT: int(0, 65535).default(3000),
  PUBLIC_URL: url(['http:', 'https:']).default('http://localhost:3000'),
  HUB_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  HUB_ROLES: z
    .string()
    .default(hubRoles.join(','))
    .transform((v) => v.split(',').map((r) => r.trim()).filter(Boolean))
    .pipe(z.array(z.enum(hubRoles)).min(1)),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  OUTBOX_POLL_MS: int(10, 60_000).default(200),
  OUTBOX_BATCH_SIZE: int(1, 10_000).default(500),
  BANK_FILE_MAX_BYTES: int(1024, 200 * 1024 * 1024).default(20 * 1024 * 1024),
  DB_POOL_MAX: int(2, 200).default(10),
  BUYER_LINK_TTL_DAYS: int(1, 365).default(30),
  REMINDER_MIN_INTERVAL_SECONDS: int(0, 7 * 86_400).default(900),
  REMINDER_MAX_PER_DAY: int(1, 100).default(5),
  BUYER_PAGE_RATE_LIMIT: int(1, 1_000_000).default(60),
  BUYER_PAGE_RATE_WINDOW_SECONDS: int(1, 86_400).default(60),
  TRUST_PROXY: z.string().optional(),
  RETURN_FEES: feesByCurrency('USD=25.00,EUR=25.00,GBP=20.00,CNY=150.00,HKD=200.00,JPY=3500'),
  FOUR_EYES_ABOVE: feesByCurrency(''),
  OIDC_ISSUER: url(['http:', 'https:']).optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_REDIRECT_URI: url(['http:', 'https:']).refine((v) => URL.canParse(v) && new URL(v).pathname === '/console/oidc/callback', 'must end with the path /console/oidc/callback (the hub serves it)').optional(),
  OIDC_SCOPE: z.string().default('openid email profile').refine((v) => v.split(/\s+/).includes('openid'), 'must include openid'),
  OIDC_ROLES_CLAIM: z.string().regex(/^[\w:/.-]+$/, 'a claim name, or a dotted path such as realm_access.roles').default('roles'),
  OIDC_ROLE_MAP: z.string().optional().transform((v, ctx) => {
    const map: Record<string, OidcRole> = {};
    for (const item of (v ?? '').split(',').map((x) => x.trim()).filter(Boolean)) {
      const i = item.lastIndexOf('=');
      const value = item.slice(0, i).trim();
      const role = item.slice(i + 1).trim();
      if (i <= 0 || !value) ctx.addIssue({ code: 'custom', message: `"${item}": expected CLAIM_VALUE=ROLE, e.g. hub-finance=finance` });
      else if (!(oidcRoles as readonly string[]).includes(role)) ctx.addIssue({ code: 'custom', message: `"${item}": ${role || '(empty)'} is not a role people sign in with (${oidcRoles.join(', ')}; connector is for machine tokens)` });
      else if (map[value] !== undefined) ctx.addIssue({ code: 'custom', message: `"${item}": ${value} is mapped twice` });
      else map[value] = role as OidcRole;
    }
    return map;
  }),
  OIDC_SELLER_CLAIM: z.string().regex(/^[\w:/.-]+$/, 'a claim name').default('seller_id'),
  SESSION_IDLE_MINUTES: int(1, 24 * 60).default(30),
  SESSION_MAX_HOURS: int(1, 7 * 24).default(12),
  REPORT_MAIL_TO: z
    .string()
    .optional()
    .transform((v) => (v ? v.split(',').map((a) => a.trim()).filter(Boolean) : []))
    .pipe(z.array(z.string().regex(/^[^\s@,]+@[^\s@,]+$/, 'must be e-mail addresses, comma-separated'))),
  REPORT_MAIL_AT: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24 h)').default('07:00'),
  REPORT_MAIL_TIME_ZONE: z
    .string()
    .default('UTC')
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'must be an IANA time zone such as Asia/Shanghai'),
  // OpenTelemetry (libs/tracing): traces are exported only when an OTLP endpoint is given; the SDK
  // itself also reads the other OTEL_* variables (sampler, headers, resource attributes).
  OTEL_EXPORTER_OTLP_ENDPOINT: url(['http:', 'https:']).optional(),
  OTEL_SERVICE_NAME: z.string().min(1).default('ereceipt-hub'),
});

export interface HubConfig {
  env: 'production' | 'development' | 'test' | 'demo';
  databaseUrl: string;
  kafka: {
    brokers: string[];
    groupId: string;
    clientId: string;
    topicPartitions: number;
    partitionsConcurrency: number;
    sessionTimeoutMs: number;
    /** At most this many messages of one partition's fetched batch per database transaction. */
    inboundBatchSize: number;
    /** The inbound topics this process consumes (null: all it has handlers for), to give a feed its own replicas. */
    consumeTopics: readonly string[] | null;
  };
  smtp: { url: string; from: string };
  http: { port: number; publicUrl: string };
  hubSecret: string;
  hubSecretGenerated: boolean;
  roles: ReadonlySet<HubRole>;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  outbox: { pollMs: number; batchSize: number };
  bankFileMaxBytes: number;
  dbPoolMax: number;
  /** Open orders the matching index keeps in memory at most (least recently used sellers dropped beyond it; libs/matching/README.md). */
  matchingIndexMaxOrders: number;
  /** How long a link in a payment reminder opens the buyer's page. */
  buyerLinkTtlDays: number;
  /** Re-sent payment reminders: at least this far apart, at most this many per order in 24 h. */
  reminders: { minIntervalSeconds: number; maxPerDay: number };
  /** The buyers' signed pages (`/api/v1/buyer/...`): at most `points` requests per client address in `windowSeconds` (429 beyond). */
  buyerPageRateLimit: { points: number; windowSeconds: number };
  /** The fee kept when an unassociable remittance goes back to its payer, per currency (docs/domain.md §3); a currency not listed: none. */
  returnFees: Readonly<Record<string, string>>;
  /** Express `trust proxy` (e.g. `loopback` or `1`) so the buyer's address is read from X-Forwarded-For behind a proxy; unset: the socket address. */
  trustProxy: string | null;
  /**
   * Four eyes on money: an action on an amount above the threshold of its currency needs a second
   * finance person (`FOUR_EYES_ABOVE=USD=10000.00,...`); a currency not listed: every amount.
   */
  fourEyesAbove: Readonly<Record<string, string>>;
  /** OpenID Connect sign-in; null when `OIDC_ISSUER` is not set (local users only). */
  oidc: OidcConfig | null;
  /** People's sessions (console and API): ended after this many idle minutes, and after this many hours whatever happens. */
  sessions: { idleMinutes: number; maxHours: number };
  /** The daily reconciliation e-mail (XLSX attached): recipients (none: not sent), local time and its time zone. */
  reportMail: { to: string[]; at: string; timeZone: string };
  /** OpenTelemetry traces (OTLP/HTTP); null: off, and the SDK is not even loaded. */
  tracing: TracingConfig | null;
}

export interface TracingConfig {
  /** OTEL_EXPORTER_OTLP_ENDPOINT: the collector's base URL (`/v1/traces` is appended by the exporter). */
  endpoint: string;
  serviceName: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment once; throws a ConfigError listing every problem, one line each. */
export function loadConfig(env: Record<string, string | undefined> = process.env): HubConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`));
  }
  const e = parsed.data;
  if (e.NODE_ENV === 'production' && !e.HUB_SECRET) {
    throw new ConfigError(['HUB_SECRET: required in production (it signs buyer and evaluation links)']);
  }
  const oidc = oidcConfig(e);
  return {
    env: e.NODE_ENV,
    databaseUrl: e.DATABASE_URL,
    kafka: {
      brokers: e.KAFKA_BROKERS.split(',').map((b) => b.trim()),
      groupId: e.KAFKA_GROUP_ID,
      clientId: e.KAFKA_CLIENT_ID,
      topicPartitions: e.KAFKA_TOPIC_PARTITIONS,
      partitionsConcurrency: e.KAFKA_PARTITIONS_CONCURRENCY,
      sessionTimeoutMs: e.KAFKA_SESSION_TIMEOUT_MS,
      consumeTopics: e.KAFKA_CONSUME_TOPICS,
      inboundBatchSize: e.INBOUND_BATCH_SIZE,
    },
    smtp: { url: e.SMTP_URL, from: e.MAIL_FROM },
    http: { port: e.HTTP_PORT, publicUrl: e.PUBLIC_URL.replace(/\/$/, '') },
    hubSecret: e.HUB_SECRET ?? randomBytes(32).toString('base64url'),
    hubSecretGenerated: !e.HUB_SECRET,
    roles: new Set(e.HUB_ROLES),
    matchingIndexMaxOrders: e.MATCHING_INDEX_MAX_ORDERS,
    logLevel: e.LOG_LEVEL,
    outbox: { pollMs: e.OUTBOX_POLL_MS, batchSize: e.OUTBOX_BATCH_SIZE },
    bankFileMaxBytes: e.BANK_FILE_MAX_BYTES,
    dbPoolMax: e.DB_POOL_MAX,
    buyerLinkTtlDays: e.BUYER_LINK_TTL_DAYS,
    reminders: { minIntervalSeconds: e.REMINDER_MIN_INTERVAL_SECONDS, maxPerDay: e.REMINDER_MAX_PER_DAY },
    buyerPageRateLimit: { points: e.BUYER_PAGE_RATE_LIMIT, windowSeconds: e.BUYER_PAGE_RATE_WINDOW_SECONDS },
    returnFees: e.RETURN_FEES,
    trustProxy: e.TRUST_PROXY ?? null,
    fourEyesAbove: e.FOUR_EYES_ABOVE,
    oidc,
    sessions: { idleMinutes: e.SESSION_IDLE_MINUTES, maxHours: e.SESSION_MAX_HOURS },
    reportMail: { to: e.REPORT_MAIL_TO, at: e.REPORT_MAIL_AT, timeZone: e.REPORT_MAIL_TIME_ZONE },
    tracing: e.OTEL_EXPORTER_OTLP_ENDPOINT ? { endpoint: e.OTEL_EXPORTER_OTLP_ENDPOINT, serviceName: e.OTEL_SERVICE_NAME } : null,
  };
}

function oidcConfig(e: z.infer<typeof envSchema>): OidcConfig | null {
  const given = e.OIDC_ISSUER ?? e.OIDC_CLIENT_ID ?? e.OIDC_CLIENT_SECRET ?? e.OIDC_REDIRECT_URI;
  if (given === undefined) return null;
  const { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: clientId } = e;
  const problems: string[] = [];
  if (!issuer) problems.push('OIDC_ISSUER: required when any OIDC_* variable is set');
  else if (new URL(issuer).protocol === 'http:' && !LOOPBACK.test(new URL(issuer).hostname)) problems.push('OIDC_ISSUER: must be https:// (http:// only on this machine: localhost, 127.x, [::1])');
  if (!clientId) problems.push('OIDC_CLIENT_ID: required when OIDC_ISSUER is set');
  if (Object.keys(e.OIDC_ROLE_MAP).length === 0) problems.push('OIDC_ROLE_MAP: required when OIDC_ISSUER is set (CLAIM_VALUE=ROLE,..., e.g. hub-finance=finance,hub-admin=admin)');
  if (!issuer || !clientId || problems.length) throw new ConfigError(problems);
  return {
    issuer,
    clientId,
    clientSecret: e.OIDC_CLIENT_SECRET ?? null,
    redirectUri: e.OIDC_REDIRECT_URI ?? `${e.PUBLIC_URL.replace(/\/$/, '')}/console/oidc/callback`,
    scope: e.OIDC_SCOPE,
    rolesClaim: e.OIDC_ROLES_CLAIM,
    roleMap: e.OIDC_ROLE_MAP,
    sellerClaim: e.OIDC_SELLER_CLAIM,
  };
}

/**
 * The tracing part alone, read before anything else is loaded (the SDK has to patch pg, kafkajs,
 * express, http and pino before they are required): null when OTEL_EXPORTER_OTLP_ENDPOINT is unset
 * or invalid (`loadConfig` reports the invalid value a moment later, with every other problem).
 */
export function tracingConfig(env: Record<string, string | undefined> = process.env): TracingConfig | null {
  const parsed = envSchema.pick({ OTEL_EXPORTER_OTLP_ENDPOINT: true, OTEL_SERVICE_NAME: true }).safeParse({
    OTEL_EXPORTER_OTLP_ENDPOINT: env.OTEL_EXPORTER_OTLP_ENDPOINT || undefined,
    OTEL_SERVICE_NAME: env.OTEL_SERVICE_NAME || undefined,
  });
  if (!parsed.success || !parsed.data.OTEL_EXPORTER_OTLP_ENDPOINT) return null;
  return { endpoint: parsed.data.OTEL_EXPORTER_OTLP_ENDPOINT, serviceName: parsed.data.OTEL_SERVICE_NAME };
}

/** The names this module reads, for docs and `ereceipt config`. */
export const configVariables = Object.keys(envSchema.shape);
