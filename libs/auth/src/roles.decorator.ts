import { SetMetadata } from '@nestjs/common';
import type { Role } from './api-token.entity';

export const ROLES_KEY = 'ereceipt:roles';
export const PUBLIC_KEY = 'ereceipt:public';

/** Opens a route to these roles. Routes without it are denied (deny by default). */
export const Roles = (...allowed: Role[]) => SetMetadata(ROLES_KEY, allowed);
/** A route that needs no bearer token (health, buyer pages with their own signed links). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
