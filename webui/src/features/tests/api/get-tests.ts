import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { Schema, WithNullable } from '@/lib/api-schema';

export type NodeSelector = WithNullable<Schema<'NodeSelector'>, 'nodeId' | 'region' | 'label'>;
export type TestDefinition = WithNullable<Omit<Schema<'TestDefinition'>, 'nodeSelector'>, 'tier'> & {
  readonly nodeSelector: NodeSelector;
};
export type TestInput = Schema<'TestRequest'>;

export const testsPath = (orgId: string) => `/api/v1/orgs/${encodeURIComponent(orgId)}/tests`;

export const testsQueryKey = (orgId: string) => ['tests', orgId] as const;

export function useTests(orgId: string) {
  return useQuery(
    queryOptions({
      queryKey: testsQueryKey(orgId),
      queryFn: ({ signal }) => api.get<TestDefinition[]>(testsPath(orgId), { signal }),
    }),
  );
}

export function useTest(orgId: string, testId: string) {
  return useQuery(
    queryOptions({
      queryKey: [...testsQueryKey(orgId), testId],
      queryFn: ({ signal }) => api.get<TestDefinition>(`${testsPath(orgId)}/${encodeURIComponent(testId)}`, { signal }),
    }),
  );
}
