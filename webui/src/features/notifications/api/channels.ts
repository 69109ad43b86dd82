import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { Schema, WithNullable } from '@/lib/api-schema';

// The generated schemas, with their nullable fields, and the type and severities narrowed to
// what the API accepts (its document says only "string").

export const CHANNEL_TYPES = ['webhook', 'slack', 'teams', 'discord', 'email'] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

export const SEVERITIES = ['INFO', 'WARNING', 'CRITICAL'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Where it sends without secrets is `target` (scheme, host and port) or `recipients`. */
export type Channel = Omit<
  WithNullable<
    Schema<'NotificationChannel'>,
    'failingSince' | 'lastError' | 'lastAttemptAt' | 'lastDeliveredAt' | 'signingSecret'
  >,
  'type' | 'severities'
> & {
  readonly type: ChannelType;
  readonly severities: readonly Severity[];
};

export interface ChannelInput {
  readonly name: string;
  readonly type: ChannelType;
  readonly severities: readonly Severity[];
  readonly url?: string;
  readonly recipients?: readonly string[];
}

export type TestResult = WithNullable<Schema<'ChannelTestResult'>, 'statusCode' | 'error'>;

export type DeliveryAttempt = WithNullable<Schema<'DeliveryAttempt'>, 'statusCode' | 'error'>;

export const channelsPath = (orgId: string) => `/api/v1/orgs/${encodeURIComponent(orgId)}/notification-channels`;
const channelPath = (orgId: string, channelId: string) => `${channelsPath(orgId)}/${encodeURIComponent(channelId)}`;

export const channelsQueryKey = (orgId: string) => ['notification-channels', orgId] as const;

export const channelsQueryOptions = (orgId: string) =>
  queryOptions({
    queryKey: channelsQueryKey(orgId),
    queryFn: ({ signal }) => api.get<Channel[]>(channelsPath(orgId), { signal }),
  });

export function useChannels(orgId: string) {
  return useQuery(channelsQueryOptions(orgId));
}

export function useChannelAttempts(orgId: string, channelId: string) {
  return useQuery({
    queryKey: [...channelsQueryKey(orgId), channelId, 'attempts'] as const,
    queryFn: ({ signal }) => api.get<DeliveryAttempt[]>(`${channelPath(orgId, channelId)}/attempts?limit=20`, { signal }),
  });
}

export function useCreateChannel(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChannelInput) => api.post<Channel>(channelsPath(orgId), input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: channelsQueryKey(orgId) }),
    // The answer may hold a signing secret: forget it with the form.
    gcTime: 0,
  });
}

/**
 * Replaces a channel's name and severities (docs/alerts.md#api): the URL is left out, so the
 * stored URL and signing secret stay; an e-mail channel sends its recipients again.
 */
export function useReplaceChannelSeverities(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ channel, severities }: { channel: Channel; severities: readonly Severity[] }) =>
      api.put<Channel>(channelPath(orgId, channel.id), {
        name: channel.name,
        severities,
        ...(channel.type === 'email' ? { recipients: channel.recipients } : {}),
      }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: channelsQueryKey(orgId) }),
  });
}

export function useDeleteChannel(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (channel: Channel) => api.delete<void>(channelPath(orgId, channel.id)),
    onSettled: () => queryClient.invalidateQueries({ queryKey: channelsQueryKey(orgId) }),
  });
}

export function useTestChannel(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (channel: Channel) => api.post<TestResult>(`${channelPath(orgId, channel.id)}/test`),
    // A test changes the channel's health and adds an attempt.
    onSettled: () => queryClient.invalidateQueries({ queryKey: channelsQueryKey(orgId) }),
  });
}
