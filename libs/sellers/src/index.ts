export * from './seller.entity';
export * from './seller.rules';
export * from './sellers.module';
export * from './sellers.query';
export * from './virtual-account.rules';
export * from './apply-seller.usecase';
export * from './decide-seller.usecase';
