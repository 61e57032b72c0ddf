export * from './canonical-remittance';
export * from './parse-result';
