export * from './orm-options';
export * from './database-guard';
export * from './bound-sql';
export * from './ensure-database';
