import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api/api-client';
import { unwrap } from '@/lib/api/api-error';
import { SESSION_QUERY_KEY } from '@/lib/auth/auth-context';

/** The people local sign-in offers (a 404 means there is no local sign-in here). */
export function useLocalPeople() {
  return useQuery({ queryKey: ['local-people'], queryFn: async () => unwrap(await api.GET('/auth/local/people')).items });
}

/** Signs in as one of them: the API sets the session cookie; the session query then knows who. */
export function useLocalSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (person: { user: string; roles: string[] }) => unwrap(await api.POST('/auth/local/session', { body: person })),
    onSuccess: (session) => {
      queryClient.clear();
      queryClient.setQueryData(SESSION_QUERY_KEY, session);
    },
  });
}
