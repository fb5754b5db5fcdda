import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useEffect, useMemo } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { setUnauthenticatedHandler } from '../api/api-client';
import type { AuthProvider, Session } from './auth-provider';
import { createLocalAuthProvider } from './local-auth-provider';

const AuthContext = createContext<AuthProvider | null>(null);
export const SESSION_QUERY_KEY = ['session'] as const;

/** Provides the auth provider to the app and sends any 401 back to sign-in, keeping where the person was. */
export function AuthProviderBoundary({ children }: { children: ReactNode }) {
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const provider = useMemo(() => createLocalAuthProvider((to) => void navigate(to)), [navigate]);
  const here = `${location.pathname}${location.search}`;

  useEffect(() => {
    setUnauthenticatedHandler(() => {
      queryClient.setQueryData(SESSION_QUERY_KEY, null);
      if (!here.startsWith('/sign-in')) provider.signIn(here);
    });
  }, [provider, queryClient, here]);

  return <AuthContext.Provider value={provider}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthProvider {
  const provider = useContext(AuthContext);
  if (!provider) throw new Error('useAuth() outside <AuthProviderBoundary>');
  return provider;
}

/** The current session (null: nobody signed in; undefined: still asking). */
export function useSession(): { session: Session | null | undefined; isLoading: boolean } {
  const provider = useAuth();
  const query = useQuery({ queryKey: SESSION_QUERY_KEY, queryFn: () => provider.currentSession(), staleTime: 60_000 });
  return { session: query.data, isLoading: query.isPending };
}
