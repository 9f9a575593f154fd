import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Principal, Role, TokenScope } from '../domain/permissions.ts';
import type { Executor } from '../store/db.ts';
import { type ActiveToken, findActiveTokenByHash, insertApiToken } from '../store/tokens.ts';

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** Creates a database token; the plain token is returned once and only its hash is stored. */
export async function createApiToken(
  ex: Executor,
  input: { name: string; scope: TokenScope; userId?: string },
): Promise<{ id: string; token: string }> {
  const token = `lf_${randomBytes(32).toString('base64url')}`;
  const row = await insertApiToken(ex, {
    name: input.name,
    scope: input.scope,
    tokenHash: hashToken(token),
    userId: input.userId ?? null,
  });
  return { id: row.id, token };
}

/**
 * A token issued to a user acts with that user's role, never above its own scope. Integration
 * tokens (no user) see everything: a full one acts as an admin, a read one as a read-only marketer.
 */
export function principalOfToken(row: ActiveToken): Principal {
  const integrationRole: Role = row.scope === 'full' ? 'admin' : 'marketer';
  const role: Role | null = row.userId ? row.userRole : integrationRole;
  return {
    id: row.id,
    name: row.userName ?? row.name,
    kind: 'token',
    scope: row.scope,
    admin: row.scope === 'full' && role === 'admin',
    userId: row.userId,
    role: row.scope === 'capture' ? null : role,
  };
}

type ConfiguredToken = { hash: Buffer; principal: Principal };

/**
 * Resolves bearer tokens to principals: first the tokens from configuration (LEADFLOW_ADMIN_TOKEN
 * always bootstraps an admin), then database tokens, cached briefly because every capture needs it.
 */
export function createTokenVerifier(options: {
  db: Executor;
  adminToken?: string;
  captureTokens: string[];
  cacheMs?: number;
  now?: () => number;
}) {
  const now = options.now ?? Date.now;
  const cacheMs = options.cacheMs ?? 30_000;
  const configured: ConfiguredToken[] = [];
  if (options.adminToken) {
    configured.push({
      hash: Buffer.from(hashToken(options.adminToken), 'hex'),
      principal: {
        id: 'env-admin',
        name: 'LEADFLOW_ADMIN_TOKEN',
        kind: 'token',
        scope: 'full',
        admin: true,
        userId: null,
        role: 'admin',
      },
    });
  }
  options.captureTokens.forEach((token, index) => {
    configured.push({
      hash: Buffer.from(hashToken(token), 'hex'),
      principal: {
        id: `env-capture-${index + 1}`,
        name: `LEADFLOW_CAPTURE_TOKENS #${index + 1}`,
        kind: 'token',
        scope: 'capture',
        admin: false,
        userId: null,
        role: null,
      },
    });
  });
  const cache = new Map<string, { principal: Principal | null; until: number }>();

  async function verifyToken(token: string): Promise<Principal | null> {
    const hash = hashToken(token);
    const hashBytes = Buffer.from(hash, 'hex');
    for (const entry of configured) {
      if (timingSafeEqual(entry.hash, hashBytes)) return entry.principal;
    }
    const cached = cache.get(hash);
    if (cached && cached.until > now()) return cached.principal;
    const row = await findActiveTokenByHash(options.db, hash);
    const principal = row ? principalOfToken(row) : null;
    if (cache.size > 10_000) cache.clear();
    cache.set(hash, { principal, until: now() + cacheMs });
    return principal;
  }
  // Changes to users and tokens call forget(), so this process sees them at once (other worker
  // processes within cacheMs).
  return Object.assign(verifyToken, { forget: () => cache.clear() });
}

export type TokenVerifier = ReturnType<typeof createTokenVerifier>;
