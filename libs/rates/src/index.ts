export * from './fx-rate.entity';
export * from './fx-rate.rules';
export * from './fx-rates.consumer';
export * from './rate-in-force';
export * from './rates.module';
export * from './record-fx-rate.usecase';
