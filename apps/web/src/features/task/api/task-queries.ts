import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api/api-client';
import { unwrap } from '@/lib/api/api-error';
import type { components } from '@/lib/api/schema.gen';

export type Task = components['schemas']['TaskResponse'];
export type Completion = components['schemas']['CompleteTaskDto'];

const taskKey = (taskId: string) => ['task', taskId] as const;

/** A task with its context; asked again now and then, so a decision taken elsewhere shows. */
export function useTask(taskId: string, enabled = true) {
  return useQuery({
    queryKey: taskKey(taskId),
    enabled,
    queryFn: async () => unwrap(await api.GET('/tasks/{id}', { params: { path: { id: taskId } } })),
    refetchInterval: 5_000,
  });
}

/** Completes the task; one Idempotency-Key per decision, so a network retry decides nothing twice. */
export function useCompleteTask(taskId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (completion: Completion) =>
      unwrap(
        await api.POST('/tasks/{id}/complete', {
          params: { path: { id: taskId }, header: { 'Idempotency-Key': crypto.randomUUID() } },
          body: completion,
        }),
      ),
    // Whatever the answer (done, 409, 422), show the task as it is now.
    onSettled: () => Promise.all([queryClient.invalidateQueries({ queryKey: taskKey(taskId) }), queryClient.invalidateQueries({ queryKey: ['inbox'] })]),
  });
}

export function useCommentTask(taskId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (text: string) =>
      unwrap(await api.POST('/tasks/{id}/comment', { params: { path: { id: taskId }, header: { 'Idempotency-Key': crypto.randomUUID() } }, body: { text } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: taskKey(taskId) }),
  });
}

/** Hands the task to another person; the original assignee stays in its history. */
export function useDelegateTask(taskId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (to: string) =>
      unwrap(await api.POST('/tasks/{id}/delegate', { params: { path: { id: taskId }, header: { 'Idempotency-Key': crypto.randomUUID() } }, body: { to } })),
    // Once delegated, the task may no longer be the caller's to see (403): the page stops asking for it.
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['inbox'] }),
  });
}

/** Takes an approval request back (its submitter only): back for rework, or the stage ends. */
export function useWithdrawTask(taskId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () =>
      unwrap(await api.POST('/tasks/{id}/withdraw', { params: { path: { id: taskId }, header: { 'Idempotency-Key': crypto.randomUUID() } }, body: {} })),
    onSettled: () => Promise.all([queryClient.invalidateQueries({ queryKey: taskKey(taskId) }), queryClient.invalidateQueries({ queryKey: ['inbox'] })]),
  });
}
