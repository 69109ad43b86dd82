import { QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';

import { createQueryClient } from '@/lib/query-client';
import { session } from '@/lib/session';

export function AppProvider({ children }: { children: ReactNode }) {
  // One client per mounted app (not a module singleton) so tests and any future
  // embedding start with an empty cache.
  const [queryClient] = useState(createQueryClient);

  useEffect(() => {
    // A refresh token kept from before a reload becomes a session again. Idempotent, so
    // StrictMode's second effect run does not start a second refresh.
    void session.restore();
    // Cached answers belong to whoever was signed in: the next person (or the same one,
    // after an expiry) must not see them, even briefly.
    const unsubscribe = session.subscribe(() => {
      if (session.getState().status === 'signed-out') {
        queryClient.clear();
      }
    });
    return unsubscribe;
  }, [queryClient]);

  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}
