import { api } from '../api/api-client';
import { unwrap } from '../api/api-error';
import type { AuthProvider, Session } from './auth-provider';

/** Local mode (`npm start`): the sign-in page of the app lists the local people. */
export function createLocalAuthProvider(navigate: (to: string) => void): AuthProvider {
  return {
    async currentSession(): Promise<Session | null> {
      const result = await api.GET('/auth/session');
      if (result.response.status === 401) return null;
      return unwrap(result);
    },
    signIn(returnTo: string): void {
      navigate(`/sign-in?returnTo=${encodeURIComponent(returnTo)}`);
    },
    async signOut(): Promise<void> {
      unwrap(await api.POST('/auth/sign-out'));
    },
  };
}
