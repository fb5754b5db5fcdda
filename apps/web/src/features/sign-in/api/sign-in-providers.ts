import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api/api-client';
import { unwrap } from '@/lib/api/api-error';

/** The ways of signing in this API offers: local sign-in, the organisation's identity provider, or both. */
export function useSignInProviders() {
  return useQuery({ queryKey: ['sign-in-providers'], queryFn: async () => unwrap(await api.GET('/auth/providers')), staleTime: Infinity });
}

/**
 * The API's address that begins a sign-in at the identity provider. A full page load, not a
 * fetch: the browser itself goes to the provider and back. `returnTo` is a path of the router
 * (below /app), which the API wants as the page's own path.
 */
export function providerSignInHref(returnTo: string): string {
  return `/auth/oidc/sign-in?returnTo=${encodeURIComponent(`/app${returnTo}`)}`;
}
