export * from './escape-html';
export * from './payment-reminder.mail';
export * from './signed-link.rules';
