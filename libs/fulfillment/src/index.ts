export * from './declared-goods-value';
export * from './declared-value.rules';
export * from './fulfillment-flags';
export * from './fulfillment.entities';
export * from './fulfillment.module';
export * from './fulfilment.rules';
export * from './tracking.rules';
