import { useCallback, useEffect, useState } from 'react';
import { ApiError, api, get } from '../api.ts';
import type {
  AssignmentRule,
  CaptureForm,
  NamedCampaign,
  NamedChannel,
  NamedTeam,
  NamedUser,
  RoutingModes,
  ScoringRule,
  ScoringSettings,
} from './types.ts';

export const put = <T>(path: string, body: unknown) => api<T>('PUT', path, body);
export const remove = (path: string) => api<null>('DELETE', path);

/** Whether a call was refused by a role rule (403), as opposed to failing. */
export const isForbidden = (error: unknown) => error instanceof ApiError && error.status === 403;

/** Field name (as the server's invalid_params name it, e.g. "conditions.0.value") to its reason. */
export type FieldErrors = Record<string, string>;

export function fieldErrorsOf(error: unknown): FieldErrors {
  if (!(error instanceof ApiError)) return {};
  return Object.fromEntries((error.problem.invalid_params ?? []).map((p) => [p.name, p.reason]));
}

/** Like useApi, but keeps the error itself, so a page can tell "you may not" (403) from "it failed". */
function useResource<T>(path: string | null) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(Boolean(path));
  const [version, setVersion] = useState(0);

  useEffect(() => {
    if (!path || version < 0) return;
    let current = true;
    setLoading(true);
    get<T>(path)
      .then((value) => {
        if (current) {
          setData(value);
          setError(null);
        }
      })
      .catch((failure: unknown) => {
        if (current) setError(failure);
      })
      .finally(() => {
        if (current) setLoading(false);
      });
    return () => {
      current = false;
    };
  }, [path, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { data, error, loading, reload, setData };
}

export type Resource<T> = ReturnType<typeof useResource<T>>;
type Items<T> = { items: T[] };

export const useAssignmentRules = () => useResource<Items<AssignmentRule>>('/api/assignment-rules');
export const useRoutingModes = () => useResource<RoutingModes>('/api/settings/routing');
export const useScoringRules = () => useResource<Items<ScoringRule>>('/api/scoring/rules');
export const useScoringSettings = () => useResource<ScoringSettings>('/api/settings/scoring');
export const useForms = () => useResource<Items<CaptureForm>>('/api/forms');
export const useChannels = () => useResource<Items<NamedChannel>>('/api/channels');
export const useCampaigns = () => useResource<Items<NamedCampaign>>('/api/campaigns');
export const useTeams = (enabled = true) => useResource<Items<NamedTeam>>(enabled ? '/api/teams' : null);
/** Only heads and admins may list users; others pass enabled=false and see names as unknown. */
export const useUsers = (enabled = true) =>
  useResource<Items<NamedUser>>(enabled ? '/api/users?active=true' : null);
