export * from './http-error.filter';
export * from './health.controller';
export * from './metrics.controller';
export * from './operations.module';
