import type { StatusSettings } from '../api.ts';
import { useResource } from '../hooks.ts';
import type { Absence, ApiToken, RoutingSettings, SettingsUser, Team, VisibilitySettings } from './types.ts';

export { put, remove } from '../api.ts';

export { isForbidden } from '../components/formParts.tsx';

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
