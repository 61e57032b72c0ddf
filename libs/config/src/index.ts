export * from './hub-config';
export * from './config.module';
