import { QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter } from 'react-router-dom';
import { AuthProviderBoundary } from '@/lib/auth/auth-context';
import { queryClient } from '@/lib/query-client';
import { AppRoutes } from './app-routes';

/** Providers, outermost first: server data, the router (under /app), then who is signed in. */
export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <BrowserRouter basename="/app">
        <AuthProviderBoundary>
          <AppRoutes />
        </AuthProviderBoundary>
      </BrowserRouter>
    </QueryClientProvider>
  );
}
