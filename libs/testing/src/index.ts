export * from './mt103.builder';
