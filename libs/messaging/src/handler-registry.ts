import { Injectable } from '@nestjs/common';
import type { InboundHandler } from './inbound-handler';

/** Feature modules register their thin consumers here in onModuleInit; one handler per topic. */
@Injectable()
export class HandlerRegistry {
  private readonly handlers = new Map<string, InboundHandler>();

  register(handler: InboundHandler): void {
    if (this.handlers.has(handler.topic)) throw new Error(`a handler for ${handler.topic} is already registered`);
    this.handlers.set(handler.topic, handler);
  }

  get(topic: string): InboundHandler | undefined {
    return this.handlers.get(topic);
  }

  topics(): string[] {
    return [...this.handlers.keys()];
  }
}
