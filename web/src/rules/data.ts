import { useResource } from '../hooks.ts';
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

export { put, remove } from '../api.ts';
export { type FieldErrors, fieldErrorsOf, isForbidden } from '../components/formParts.tsx';

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
