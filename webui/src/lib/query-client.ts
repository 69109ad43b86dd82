import { QueryClient } from '@tanstack/react-query';

import { ApiError } from './api-client';

/**
 * The app's query defaults. A 4xx will not change on a retry (a missing role stays
 * missing, a 404 stays gone), so only network failures, timeouts and 5xx are retried.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: (failureCount, error) =>
          failureCount < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
      },
    },
  });
}
