export * from './http-error.filter';
export * from './health.controller';
export * from './metrics.controller';
export * from './operations.module';
export * from './validation.pipe';
export * from './media-types';
export * from './body-shape';
