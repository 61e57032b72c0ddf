export * from './hub-config';
export * from './config.module';
export * from './hub-version';
