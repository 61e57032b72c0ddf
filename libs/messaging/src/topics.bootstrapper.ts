import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { HUB_CONFIG, type HubConfig } from '@ereceipt/config';
import { allTopics } from '@ereceipt/contracts';
import { KafkaAdapter } from './kafka.adapter';

/** Creates missing topics from the registry with the configured partition count; auto-create is off. */
@Injectable()
export class TopicsBootstrapper implements OnModuleInit {
  private readonly log = new Logger('Topics');

  constructor(
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    private readonly kafka: KafkaAdapter,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.config.roles.has('consumers') && !this.config.roles.has('relay')) return;
    const created = await this.kafka.ensureTopics(allTopics(), this.config.kafka.topicPartitions);
    if (created.length > 0) this.log.log(`created topics: ${created.join(', ')}`);
  }
}
