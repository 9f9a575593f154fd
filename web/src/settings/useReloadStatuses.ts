import { useSession } from '../session.tsx';

/** Refreshes the status labels every page reads from the session, after they were saved here. */
export function useReloadStatuses(): () => Promise<void> {
  return useSession().reloadStatuses;
}
