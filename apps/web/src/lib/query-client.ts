import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './api/api-error';

/** Client errors are answers, not hiccups: retry only what may pass on a second try. */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (count, error) => count < 2 && !(error instanceof ApiError && error.status < 500),
      refetchOnWindowFocus: true,
    },
  },
});
