import { Global, Module } from '@nestjs/common';
import { HUB_CONFIG, type HubConfig } from '@ereceipt/config';
import { HandlerRegistry } from './handler-registry';
import { InboundConsumerService } from './inbound-consumer.service';
import { KafkaAdapter } from './kafka.adapter';
import { OutboxRelayService } from './outbox-relay.service';
import { TopicsBootstrapper } from './topics.bootstrapper';

@Global()
@Module({
  providers: [
    { provide: KafkaAdapter, inject: [HUB_CONFIG], useFactory: (c: HubConfig) => new KafkaAdapter({ brokers: c.kafka.brokers, clientId: c.kafka.clientId }) },
    HandlerRegistry,
    TopicsBootstrapper,
    InboundConsumerService,
    OutboxRelayService,
  ],
  exports: [KafkaAdapter, HandlerRegistry, InboundConsumerService, OutboxRelayService],
})
export class MessagingModule {}
