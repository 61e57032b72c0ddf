export * from './bank-csv.builder';
export * from './camt054.builder';
export * from './mt103.builder';
export * from './hub-process';
export * from './repo-root';
export * from './test-database';
export * from './order.builder';
export * from './smtp-capture';
