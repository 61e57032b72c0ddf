import type { Role } from './api-token.entity';

export interface Principal {
  /** The credential: the machine token's id, or the session's id for a person. */
  tokenId: string;
  /**
   * How the principal is named in audit rows, associations and the console: a person's e-mail, or
   * `token <name> #<first 8 of its id>` for a machine token (`... (owner)` when it has one).
   */
  name: string;
  role: Role;
  /** Set for the `seller` role: the one seller this principal acts for. */
  sellerId: string | null;
  /** A person signed in (`user`) or a machine token (`token`); absent: a token (tests build principals by hand). */
  kind?: 'user' | 'token';
  /** The person's id when kind is `user`. */
  userId?: string | null;
}
