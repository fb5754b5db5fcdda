import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api/api-client';
import { ApiError, unwrap } from '@/lib/api/api-error';
import type { components } from '@/lib/api/schema.gen';

export type CustomerAnalyticsSettings = components['schemas']['CustomerAnalyticsSettingsDto'];

const SETTINGS_KEY = ['settings', 'customer-analytics'] as const;

/** The company's thresholds and weights (admins and auditors; others 403). */
export function useCustomerAnalyticsSettings() {
  return useQuery({
    queryKey: SETTINGS_KEY,
    queryFn: async () => unwrap(await api.GET('/settings/customer-analytics')),
    retry: (failures, error) => !(error instanceof ApiError && error.status < 500) && failures < 3,
  });
}

/** Given whole; the API checks each field, then contradictions, and names each path (400). */
export function usePutCustomerAnalyticsSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (settings: CustomerAnalyticsSettings) => unwrap(await api.PUT('/settings/customer-analytics', { body: settings })),
    onSuccess: (saved) => {
      queryClient.setQueryData(SETTINGS_KEY, saved);
      // Every class and score is computed with them from the next request on.
      void queryClient.invalidateQueries({ queryKey: ['customers'] });
    },
  });
}
