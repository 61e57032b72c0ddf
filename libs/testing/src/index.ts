export * from './bank-csv.builder';
export * from './camt054.builder';
export * from './mt103.builder';
