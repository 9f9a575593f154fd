// Who may do what, as named predicates. Routes declare the access they need; users and roles
// (sales workflow) plug in here without touching the routes.

export type TokenScope = 'capture' | 'read' | 'full';
export type Role = 'admin' | 'head' | 'rep' | 'marketer';
export type Principal = {
  /** Stable id used to scope idempotency keys and to name the actor on the timeline. */
  id: string;
  name: string;
  kind: 'token' | 'user';
  scope: TokenScope;
  admin: boolean;
  /** The user acting (a session, or a token issued to a user); null for integration tokens. */
  userId: string | null;
  /** The role whose rules apply; integration tokens with full scope act as admin. */
  role: Role | null;
};

/** What a route needs: capture inquiries, read data, change data, or administer. */
export type Access = 'public' | 'capture' | 'read' | 'write' | 'admin';

export function canAccess(principal: Principal, access: Access): boolean {
  switch (access) {
    case 'public':
      return true;
    case 'capture':
      return principal.scope === 'capture' || principal.scope === 'full';
    case 'read':
      return principal.scope === 'read' || principal.scope === 'full';
    case 'write':
      return principal.scope === 'full';
    case 'admin':
      return principal.scope === 'full' && principal.admin;
  }
}

export function actorOf(principal: Principal): string {
  return `${principal.kind}:${principal.id}`;
}
