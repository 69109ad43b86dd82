import { useMutation } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import { session, type TokenPair } from '@/lib/session';

export interface Credentials {
  readonly email: string;
  readonly password: string;
}

export async function login(credentials: Credentials): Promise<TokenPair> {
  const tokens = await api.post<TokenPair>('/api/v1/auth/login', credentials, { authenticate: false });
  session.establish(tokens);
  return tokens;
}

export function useLogin() {
  return useMutation({ mutationFn: login });
}
