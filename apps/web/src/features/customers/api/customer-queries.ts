import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api/api-client';
import { ApiError, unwrap } from '@/lib/api/api-error';
import type { components } from '@/lib/api/schema.gen';
import type { CustomerListFilters } from './customer-list-filters';

export type CustomerListItem = components['schemas']['CustomerListItemResponse'];
export type CustomerRecord = components['schemas']['CustomerRecordResponse'];
export type CustomerProfile = components['schemas']['CustomerProfileResponse'];
export type CustomerProfileInput = components['schemas']['PutCustomerProfileDto'];
export type CustomerImport = components['schemas']['CustomerImportResponse'];
export type ChurnSignal = components['schemas']['ChurnSignalResponse'];
export type SeriesTrend = components['schemas']['SeriesTrendResponse'];
/** The record's KPIs are combined as a team's are (GET /teams/{team}/kpi-report); the API documents them as free JSON. */
export type CustomerKpis = Partial<components['schemas']['TeamKpisResponse']>;

const PAGE_SIZE = 25;

/** A 4xx says the same thing when asked again: no retries for it. */
const retryServerErrors = (failures: number, error: Error) => !(error instanceof ApiError && error.status < 500) && failures < 3;

/** The customers the person may see (projects they read in an internal role; overseers all), a page at a time. */
export function useCustomerList(filters: CustomerListFilters) {
  return useInfiniteQuery({
    queryKey: ['customers', 'list', filters],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/customers', {
          params: {
            query: { ...filters, limit: PAGE_SIZE, cursor: pageParam },
          },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    retry: retryServerErrors,
  });
}

/**
 * The customer's record with its history and the three analyses; 404 for a customer the person
 * may not see, as for an unknown one. Its projects come a page at a time (the rest of the record
 * always covers them all): a next page is the record again, of which only the projects are new.
 */
export function useCustomerRecord(key: string) {
  return useInfiniteQuery({
    queryKey: ['customers', 'record', key],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) => unwrap(await api.GET('/customers/{key}', { params: { path: { key }, query: { cursor: pageParam } } })),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    retry: retryServerErrors,
  });
}

/** The profile is given whole: what is left out is cleared. The API decides who may (403 otherwise). */
export function usePutCustomerProfile(key: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (profile: CustomerProfileInput) =>
      unwrap(
        await api.PUT('/customers/{key}/profile', {
          params: { path: { key } },
          body: profile,
        }),
      ),
    // The contract value classes the customer: the record and the list are asked again.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['customers'] }),
  });
}

/** Sends a CSV file as it is: with `dryRun` the API only says what an import would do. */
export function useImportCustomers() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ csv, dryRun }: { csv: string; dryRun: boolean }) =>
      unwrap(
        await api.POST('/customers/import', {
          params: { query: { dryRun: dryRun ? 'true' : 'false' } },
          body: csv,
          headers: { 'content-type': 'text/csv; charset=utf-8' },
          // openapi-fetch would JSON-encode a string body: the file goes as it was read.
          bodySerializer: (body: string) => body,
        }),
      ),
    onSuccess: (result) => {
      if (!result.dryRun) void queryClient.invalidateQueries({ queryKey: ['customers'] });
    },
  });
}
