import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { EntityManager } from '@mikro-orm/postgresql';
import { Public } from '@ereceipt/auth';
import { HUB_CONFIG, type HubConfig } from '@ereceipt/config';
import { InboundConsumerService, joinedGroup, KafkaAdapter, OutboxRelayService } from '@ereceipt/messaging';
import { Gauge } from 'prom-client';
import { readinessChecks, usesKafka } from './readiness.rules';

const readyGauge = new Gauge({ name: 'ereceipt_ready', help: '1 when /health/ready says this process serves what HUB_ROLES make it serve (set at each probe and scrape)' });

interface Check {
  ok: boolean;
  detail?: string;
  /** A stable code when not ok (e.g. `CONSUMER.NO_ASSIGNMENT`), for alerts and tests. */
  reason?: string;
}

async function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let t: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<T>((_, reject) => (t = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)))]);
  } finally {
    clearTimeout(t);
  }
}

@ApiExcludeController()
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    private readonly em: EntityManager,
    private readonly kafka: KafkaAdapter,
    private readonly consumer: InboundConsumerService,
    private readonly relay: OutboxRelayService,
  ) {}

  /** Liveness: the process answers. */
  @Get()
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /**
   * Readiness by role (readiness.rules.ts): PostgreSQL answers, and for a consumer-only replica the
   * consumer has joined its group (with or without partitions). An `http` replica stays ready while
   * the broker is away or the group rebalances: that is /health/consumers'. The body names the
   * roles, each check and its reason.
   */
  @Get('ready')
  async ready(@Res() res: Response): Promise<void> {
    const body = await this.readiness();
    res.status(body.status === 'ok' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json(body);
  }

  /** The readiness verdict, also exported as `ereceipt_ready` (the metrics scrape calls it too). */
  async readiness(): Promise<{ status: 'ok' | 'unavailable'; roles: string[]; checks: Record<string, Check>; consumers: string }> {
    const checks: Record<string, Check> = {};
    for (const name of readinessChecks(this.config.roles)) {
      if (name === 'postgres') checks.postgres = await this.check(async () => void (await this.em.fork().execute('select 1')));
      else {
        const v = this.consumer.health();
        checks.consumerGroup = joinedGroup(v) ? { ok: true, detail: v.detail } : { ok: false, reason: v.ready ? undefined : v.reason, detail: v.detail };
      }
    }
    const ok = Object.values(checks).every((c) => c.ok);
    readyGauge.set(ok ? 1 : 0);
    return { status: ok ? 'ok' : 'unavailable', roles: [...this.config.roles], checks, consumers: '/health/consumers' };
  }

  /**
   * Consumer health, apart from readiness: the consumer really consumes (not crashed, not retrying,
   * joined with partitions after a grace period, fetching or heartbeating: consumer-health.rules.ts)
   * and, for the roles that use it, the broker answers. 503 with the reason code when not; an
   * alert, not a load balancer, acts on it (docs/prometheus/ereceipt-alerts.yml).
   */
  @Get('consumers')
  async consumers(@Res() res: Response): Promise<void> {
    const checks: Record<string, Check> = { consumer: this.consumerCheck() };
    if (usesKafka(this.config.roles)) {
      checks.kafka = await this.check(async () => {
        const admin = this.kafka.admin();
        await admin.connect();
        try {
          await admin.listTopics();
        } finally {
          await admin.disconnect();
        }
      });
    }
    checks.outboxRelay = { ok: true, detail: this.config.roles.has('relay') ? (this.relay.isLeader ? 'leader' : 'standby') : 'role off' };
    const ok = Object.values(checks).every((c) => c.ok);
    res.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json({ status: ok ? 'ok' : 'unavailable', checks });
  }

  private consumerCheck(): Check {
    const v = this.consumer.health();
    return v.ready ? { ok: true, detail: v.detail } : { ok: false, reason: v.reason, detail: v.detail };
  }

  private async check(probe: () => Promise<void>): Promise<Check> {
    try {
      await withTimeout(probe(), 3000);
      return { ok: true };
    } catch (e) {
      return { ok: false, detail: e instanceof Error ? e.message : String(e) };
    }
  }
}
