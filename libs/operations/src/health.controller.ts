import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { EntityManager } from '@mikro-orm/postgresql';
import { Public } from '@ereceipt/auth';
import { InboundConsumerService, KafkaAdapter, OutboxRelayService } from '@ereceipt/messaging';

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
   * Readiness: PostgreSQL and Kafka answer, and the consumer really consumes: not crashed, not
   * retrying, joined with partitions (a rebalance gets a grace period) and fetching or heartbeating
   * (see consumer-health.rules.ts). The body names the failing check and its reason.
   */
  @Get('ready')
  async ready(@Res() res: Response): Promise<void> {
    const checks: Record<string, Check> = {
      postgres: await this.check(async () => void (await this.em.fork().execute('select 1'))),
      kafka: await this.check(async () => {
        const admin = this.kafka.admin();
        await admin.connect();
        try {
          await admin.listTopics();
        } finally {
          await admin.disconnect();
        }
      }),
      consumer: this.consumerCheck(),
      outboxRelay: { ok: true, detail: this.relay.isLeader ? 'leader' : 'standby' },
    };
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
