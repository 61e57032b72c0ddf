import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { collectDefaultMetrics, register } from 'prom-client';
import { HUB_CONFIG, type HubConfig } from '@ereceipt/config';
import { Public } from '@ereceipt/auth';
import { allTopics } from '@ereceipt/contracts';
import { InboundConsumerService, KafkaAdapter, messagingMetrics } from '@ereceipt/messaging';

collectDefaultMetrics({ prefix: 'ereceipt_' });

/** Prometheus text. Consumer lag is read from the broker, consumer health judged, at scrape time. */
@ApiExcludeController()
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    private readonly kafka: KafkaAdapter,
    private readonly consumer: InboundConsumerService,
  ) {}

  @Get()
  @Header('Content-Type', register.contentType)
  async metrics(): Promise<string> {
    this.consumer.health(); // refreshes ereceipt_consumer_ready and the seconds-since gauges
    try {
      const lags = await this.kafka.lag(this.config.kafka.groupId, allTopics().filter((t) => !t.startsWith('hub.') && !t.endsWith('.dlq')));
      for (const l of lags) messagingMetrics.consumerLag.set({ topic: l.topic, partition: String(l.partition) }, Number(l.lag));
    } catch {
      // Lag is best effort: the broker being down must not hide the other metrics.
    }
    return register.metrics();
  }
}
