import { useEffect } from 'react';
import { Outlet, useLocation } from 'react-router-dom';
import { Loading } from '@/components/loading';
import { useAuth, useSession } from '@/lib/auth/auth-context';

/** Pages behind it need a session: without one, off to sign in, and back here afterwards. */
export function RequireSession() {
  const { session, isLoading } = useSession();
  const auth = useAuth();
  const location = useLocation();
  const here = `${location.pathname}${location.search}`;
  useEffect(() => {
    if (!isLoading && !session) auth.signIn(here);
  }, [isLoading, session, auth, here]);
  if (!session) return <Loading />;
  return <Outlet />;
}
