import { useCallback } from 'react';
import type { Campaign, Channel, User } from '../api.ts';
import { useApi } from '../hooks.ts';
import { useRole, useSession } from '../session.tsx';

/** Names of the things a lead refers to by id; undefined when this user cannot know the name. */
export type LeadNames = {
  user: (id: string) => string | undefined;
  channel: (id: string) => string | undefined;
  campaign: (id: string) => string | undefined;
};

/**
 * Channels, campaigns and (for heads and admins, who may list them) users, to show names instead
 * of ids. Others know their own name only.
 */
export function useLeadNames(): LeadNames & { users: User[] } {
  const { isHead } = useRole();
  const { me } = useSession();
  const channels = useApi<{ items: Channel[] }>('/api/channels');
  const campaigns = useApi<{ items: Campaign[] }>('/api/campaigns');
  const users = useApi<{ items: User[] }>(isHead ? '/api/users' : null);
  const userList = users.data?.items;
  const self = me?.user;
  const user = useCallback(
    (id: string) => userList?.find((u) => u.id === id)?.name ?? (self?.id === id ? self.name : undefined),
    [userList, self],
  );
  const channelList = channels.data?.items;
  const channel = useCallback((id: string) => channelList?.find((c) => c.id === id)?.name, [channelList]);
  const campaignList = campaigns.data?.items;
  const campaign = useCallback((id: string) => campaignList?.find((c) => c.id === id)?.name, [campaignList]);
  return { user, channel, campaign, users: userList ?? [] };
}
