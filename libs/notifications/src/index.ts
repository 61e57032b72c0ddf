export * from './entities/mail-outbox.entity';
export * from './escape-html';
export * from './mail-outbox.writer';
export * from './mail-relay.service';
export * from './mail-retry.rules';
export * from './notifications.module';
export * from './payment-reminder.mail';
export * from './signed-link.rules';
