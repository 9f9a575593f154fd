import { useCallback, useEffect, useState } from 'react';
import type { StatusSettings } from '../api.ts';
import { ApiError, api, get } from '../api.ts';
import type { Absence, ApiToken, RoutingSettings, SettingsUser, Team, VisibilitySettings } from './types.ts';

export const put = <T>(path: string, body: unknown) => api<T>('PUT', path, body);
export const remove = (path: string) => api<null>('DELETE', path);

/** Whether a failed call was refused by a role rule (403), as opposed to failing. */
export const isForbidden = (error: unknown) => error instanceof ApiError && error.status === 403;

/**
 * Like useApi, but keeps the error itself: a settings page tells "you may not" (403) apart from
 * "it failed", and shows the first as a permission message rather than the server's English.
 */
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

export const useUsers = (enabled = true) =>
  useResource<{ items: SettingsUser[] }>(enabled ? '/api/users' : null);
export const useAbsences = (userId: string) =>
  useResource<{ items: Absence[] }>(`/api/users/${userId}/absences`);
export const useTokens = (enabled = true) =>
  useResource<{ items: ApiToken[] }>(enabled ? '/api/tokens' : null);
export const useTeams = () => useResource<{ items: Team[] }>('/api/teams');
export const useStatusSettings = () => useResource<StatusSettings>('/api/settings/statuses');
export const useRoutingSettings = () => useResource<RoutingSettings>('/api/settings/routing');
export const useVisibility = () => useResource<VisibilitySettings>('/api/settings/visibility');
export const useChannels = () => useResource<{ items: { id: string; name: string }[] }>('/api/channels');
