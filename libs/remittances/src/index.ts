export * from './bank-connectors';
export * from './bank-remittance.consumer';
export * from './record-remittance.usecase';
export * from './remittance.entity';
export * from './remittance-identity.rules';
export * from './remittances.module';
