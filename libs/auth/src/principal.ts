import type { Role } from './api-token.entity';

export interface Principal {
  tokenId: string;
  name: string;
  role: Role;
  /** Set for the `seller` role: the one seller this token acts for. */
  sellerId: string | null;
}
