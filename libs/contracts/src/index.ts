export * from './canonical-remittance';
export * from './parse-result';
export * from './bank-connector';
