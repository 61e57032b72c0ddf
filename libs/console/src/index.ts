export * from './console.module';
export * from './console-session.rules';
