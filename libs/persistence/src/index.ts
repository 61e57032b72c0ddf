export * from './orm-options';
export * from './database-guard';
export * from './bound-sql';
export * from './prepared-sql';
export * from './ensure-database';
