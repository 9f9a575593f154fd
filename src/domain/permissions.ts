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

// ---- Role rules of the sales workflow. Routes check scope (above); services check these. ----

/** Whether reps see every lead or only their own plus the unassigned pool (a setting). */
export type VisibilityPolicy = { repsSeeAllLeads: boolean };
export const DEFAULT_VISIBILITY: VisibilityPolicy = { repsSeeAllLeads: false };

/** Which leads a principal may see: all, or only its own plus the unassigned pool. */
export type LeadScope = { kind: 'all' } | { kind: 'own_and_pool'; userId: string } | { kind: 'none' };

export function leadScopeOf(principal: Principal, policy: VisibilityPolicy = DEFAULT_VISIBILITY): LeadScope {
  switch (principal.role) {
    case 'admin':
    case 'head':
    case 'marketer':
      return { kind: 'all' };
    case 'rep':
      if (policy.repsSeeAllLeads) return { kind: 'all' };
      return principal.userId ? { kind: 'own_and_pool', userId: principal.userId } : { kind: 'none' };
    default:
      return { kind: 'none' };
  }
}

type OwnedCard = { ownerId: string | null };

export function canSeeLead(principal: Principal, lead: OwnedCard, policy?: VisibilityPolicy): boolean {
  const scope = leadScopeOf(principal, policy);
  if (scope.kind === 'all') return true;
  if (scope.kind === 'none') return false;
  return lead.ownerId === null || lead.ownerId === scope.userId;
}

const isManager = (principal: Principal) => principal.role === 'admin' || principal.role === 'head';

/** Editing a lead's data and working it (tasks, status, qualification): its owner, a head or an admin. */
export function canWorkLead(principal: Principal, lead: OwnedCard): boolean {
  if (principal.scope !== 'full') return false;
  if (isManager(principal)) return true;
  return principal.role === 'rep' && principal.userId !== null && lead.ownerId === principal.userId;
}

/** Conversion: only the lead's owner, the sales head or an admin (PRODUCT.md section 2, step 9). */
export const canConvertLead = canWorkLead;

/** Taking a lead from the pool: a rep (for themself) while it has no owner. */
export function canClaimLead(principal: Principal, lead: OwnedCard): boolean {
  return principal.scope === 'full' && principal.role === 'rep' && lead.ownerId === null;
}

/** Assigning and reassigning owners, and distributing the pool: heads and admins. */
export const canAssignLeads = (principal: Principal): boolean =>
  principal.scope === 'full' && isManager(principal);

/** Sales settings: teams, working hours, absences, routing rules, SLA, statuses and reasons. */
export const canManageSales = canAssignLeads;

/** Users, roles and API tokens. */
export const canManageUsers = (principal: Principal): boolean =>
  principal.scope === 'full' && principal.role === 'admin';

/** Channels, campaigns, their costs and the scoring rules: marketers, heads and admins. */
export const canManageMarketing = (principal: Principal): boolean =>
  principal.scope === 'full' && (isManager(principal) || principal.role === 'marketer');
