export * from './orm-options';
export * from './database-guard';
