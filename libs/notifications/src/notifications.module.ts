import { Global, Module } from '@nestjs/common';
import { MailOutboxWriterFactory } from './mail-outbox.writer';
import { MailRelayService } from './mail-relay.service';

/**
 * Mail delivery (issue #4 §4): use cases queue mails with `MailOutboxWriterFactory.for(em)` in
 * their transaction; `MailRelayService` delivers them when the hub runs the `relay` role.
 * Global, so the orders module can inject the factory without importing this module.
 */
@Global()
@Module({
  providers: [MailOutboxWriterFactory, MailRelayService],
  exports: [MailOutboxWriterFactory, MailRelayService],
})
export class NotificationsModule {}
