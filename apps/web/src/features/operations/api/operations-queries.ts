import { useInfiniteQuery, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api/api-client';
import { ApiError, unwrap } from '@/lib/api/api-error';
import type { components } from '@/lib/api/schema.gen';
import { type OperationsProjectFilters, toProjectListQuery } from './operations-project-filters';

export type ProjectSummary = components['schemas']['ProjectSummaryResponse'];
export type Incident = components['schemas']['IncidentResponse'];
export type Notification = components['schemas']['NotificationResponse'];
export type WebhookDelivery = components['schemas']['WebhookDeliveryResponse'];
export type WebhookSubscription = components['schemas']['WebhookSubscriptionResponse'];
export type IncidentAction = 'retry' | 'skip' | 'cancel';

const PAGE_SIZE = 25;
/** Operators watch these pages: what failed elsewhere shows without a reload. */
const WATCH_MS = 10_000;
const INCIDENTS = ['operations', 'incidents'] as const;
const NOTIFICATIONS = ['operations', 'dead-notifications'] as const;
const WEBHOOKS = ['operations', 'dead-webhook-deliveries'] as const;

/** A 4xx says the same thing when asked again. */
const retryServerErrors = (failures: number, error: Error) => !(error instanceof ApiError && error.status < 500) && failures < 3;

/** Every project, as the API pages them (keyset: `cursor` → `nextCursor`). */
export function useOperationsProjects(filters: OperationsProjectFilters) {
  return useInfiniteQuery({
    queryKey: ['operations', 'projects', filters],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      unwrap(await api.GET('/projects', { params: { query: { ...toProjectListQuery(filters), limit: PAGE_SIZE, cursor: pageParam } } })),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    retry: retryServerErrors,
  });
}

/** Where the Temporal Web UI is, when this deployment says. */
export function useTemporalUiLink() {
  return useQuery({
    queryKey: ['settings', 'links'],
    queryFn: async () => unwrap(await api.GET('/settings/links')).temporalUi,
    staleTime: Infinity,
    retry: retryServerErrors,
  });
}

export function useIncidents(status: 'open' | 'resolved') {
  return useQuery({
    queryKey: [...INCIDENTS, status],
    queryFn: async () => unwrap(await api.GET('/incidents', { params: { query: { status, limit: status === 'open' ? 200 : 50 } } })).items,
    refetchInterval: WATCH_MS,
    retry: retryServerErrors,
  });
}

/** Retry, skip or cancel: one request, then both lists asked again (a cancel resolves the project's other incidents too). */
export function useResolveIncident() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ incident, action, reason }: { incident: Incident; action: IncidentAction; reason?: string }) => {
      const params = { path: { id: incident.id }, header: { 'Idempotency-Key': crypto.randomUUID() } };
      switch (action) {
        case 'retry':
          return unwrap(await api.POST('/incidents/{id}/retry', { params, body: reason ? { reason } : {} }));
        case 'skip':
          return unwrap(await api.POST('/incidents/{id}/skip', { params, body: { reason: reason ?? '' } }));
        case 'cancel':
          return unwrap(await api.POST('/incidents/{id}/cancel', { params, body: { reason: reason ?? '' } }));
      }
    },
    onSettled: () =>
      Promise.all([queryClient.invalidateQueries({ queryKey: INCIDENTS }), queryClient.invalidateQueries({ queryKey: ['operations', 'projects'] })]),
  });
}

/** Notifications whose attempts ran out. */
export function useDeadNotifications() {
  return useQuery({
    queryKey: NOTIFICATIONS,
    queryFn: async () => unwrap(await api.GET('/notifications', { params: { query: { status: 'dead', limit: 200 } } })).items,
    refetchInterval: WATCH_MS,
    retry: retryServerErrors,
  });
}

/** The names of the projects a list mentions by id only (the outbox keeps ids): one request per project, kept for the session. */
export function useProjectNames(projectIds: readonly string[]): ReadonlyMap<string, string> {
  const distinct = [...new Set(projectIds)];
  const names = useQueries({
    queries: distinct.map((id) => ({
      queryKey: ['operations', 'project-name', id],
      queryFn: async () => unwrap(await api.GET('/projects/{id}', { params: { path: { id } } })).name,
      staleTime: Infinity,
      retry: retryServerErrors,
    })),
  });
  return new Map(distinct.flatMap((id, index) => (names[index]?.data ? [[id, names[index].data] as const] : [])));
}

export function useRetryNotification() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (notification: Notification) => unwrap(await api.POST('/notifications/{id}/retry', { params: { path: { id: notification.id } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: NOTIFICATIONS }),
  });
}

export interface DeadDelivery {
  subscription: WebhookSubscription;
  delivery: WebhookDelivery;
}

/** Dead deliveries of every subscription (the API lists them per subscription), newest first. Admins only. */
export function useDeadWebhookDeliveries(enabled: boolean) {
  return useQuery({
    queryKey: WEBHOOKS,
    enabled,
    queryFn: async (): Promise<DeadDelivery[]> => {
      const subscriptions = unwrap(await api.GET('/webhooks')).items;
      const perSubscription = await Promise.all(
        subscriptions.map(async (subscription) => {
          const { items } = unwrap(
            await api.GET('/webhooks/{id}/deliveries', { params: { path: { id: subscription.id }, query: { status: 'dead', limit: 200 } } }),
          );
          return items.map((delivery) => ({ subscription, delivery }));
        }),
      );
      return perSubscription.flat().sort((a, b) => b.delivery.createdAt.localeCompare(a.delivery.createdAt));
    },
    refetchInterval: WATCH_MS,
    retry: retryServerErrors,
  });
}

export function useRedeliverWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ subscription, delivery }: DeadDelivery) =>
      unwrap(await api.POST('/webhooks/{id}/deliveries/{deliveryId}/redeliver', { params: { path: { id: subscription.id, deliveryId: delivery.id } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: WEBHOOKS }),
  });
}
