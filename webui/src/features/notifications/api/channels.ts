import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

// Written by hand from NotificationChannelController until the lead regenerates src/lib/api-types.ts
// from the OpenAPI document; then these become aliases of the generated schemas.

export const CHANNEL_TYPES = ['webhook', 'slack', 'teams', 'discord', 'email'] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

export const SEVERITIES = ['INFO', 'WARNING', 'CRITICAL'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface Channel {
  readonly id: string;
  readonly name: string;
  readonly type: ChannelType;
  readonly severities: readonly Severity[];
  /** Where it sends without secrets: scheme, host and port, or the e-mail recipients. */
  readonly target: string;
  readonly recipients: readonly string[];
  readonly healthy: boolean;
  readonly consecutiveFailures: number;
  readonly failingSince: string | null;
  readonly lastError: string | null;
  readonly lastAttemptAt: string | null;
  readonly lastDeliveredAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** A webhook's signing secret, in the answer to its creation only. */
  readonly signingSecret: string | null;
}

export interface ChannelInput {
  readonly name: string;
  readonly type: ChannelType;
  readonly severities: readonly Severity[];
  readonly url?: string;
  readonly recipients?: readonly string[];
}

export interface TestResult {
  readonly notificationId: string;
  readonly delivered: boolean;
  readonly statusCode: number | null;
  readonly latencyMs: number;
  readonly error: string | null;
}

export interface DeliveryAttempt {
  readonly notificationId: string;
  readonly channelId: string;
  readonly channelName: string;
  readonly kind: string;
  readonly attempt: number;
  readonly at: string;
  readonly delivered: boolean;
  readonly statusCode: number | null;
  readonly latencyMs: number;
  readonly error: string | null;
}

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
