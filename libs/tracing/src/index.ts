export * from './tracing-state';
export * from './start';
export * from './inbound-trace';
export * from './decision-trace';
export * from './outbound-trace';
