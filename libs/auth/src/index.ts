export * from './api-token.entity';
export * from './auth.guard';
export * from './auth.module';
export * from './current-principal.decorator';
export * from './principal';
export * from './roles.decorator';
export * from './token.rules';
export * from './tokens.service';
