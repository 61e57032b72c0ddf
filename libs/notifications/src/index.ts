export * from './signed-link.rules';
