import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import { testsPath, testsQueryKey, type TestDefinition, type TestInput } from './get-tests';

/** Creates a test, or replaces it when `testId` is given. */
export function saveTest(orgId: string, input: TestInput, testId?: string): Promise<TestDefinition> {
  return testId
    ? api.put<TestDefinition>(`${testsPath(orgId)}/${encodeURIComponent(testId)}`, input)
    : api.post<TestDefinition>(testsPath(orgId), input);
}

export function useSaveTest(orgId: string, testId?: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TestInput) => saveTest(orgId, input, testId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: testsQueryKey(orgId) }),
  });
}

export function useDeleteTest(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (test: TestDefinition) => api.delete<void>(`${testsPath(orgId)}/${encodeURIComponent(test.id)}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: testsQueryKey(orgId) }),
  });
}
