import { useMutation } from '@tanstack/react-query';
import { api } from '@/lib/api/api-client';
import type { AccordErrorBody } from '@/lib/api/api-error';
import type { components } from '@/lib/api/schema.gen';

export type PublicFeedback = components['schemas']['PublicFeedbackDto'];

/** What the public form can be told: each answer the API documents, as a value the page says in words. */
export type PublicFeedbackResult =
  | { kind: 'received'; id: string }
  | { kind: 'invalid'; details: AccordErrorBody['details']; message: string }
  | { kind: 'link-gone' }
  | { kind: 'too-many'; retryAfterSeconds?: number }
  | { kind: 'failed'; message: string };

/** Retry-After is seconds or an HTTP date; undefined when absent or unreadable. */
function retryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

/**
 * Posts to the public form. Not through `unwrap`: a 429's Retry-After header is part of the
 * answer, and a 404 is an expected state of an old link rather than an error.
 */
export async function submitPublicFeedback(token: string, feedback: PublicFeedback, idempotencyKey: string): Promise<PublicFeedbackResult> {
  const { data, error, response } = await api.POST('/public/feedback/{token}', {
    params: { path: { token }, header: { 'Idempotency-Key': idempotencyKey } },
    body: feedback,
  });
  if (response.ok && data) return { kind: 'received', id: data.id };
  const body = error as Partial<AccordErrorBody> | undefined;
  switch (response.status) {
    case 400:
      return { kind: 'invalid', details: body?.details ?? [], message: body?.message ?? response.statusText };
    case 404:
      return { kind: 'link-gone' };
    case 429:
      return { kind: 'too-many', retryAfterSeconds: retryAfter(response.headers.get('Retry-After')) };
    default:
      return { kind: 'failed', message: body?.message ?? response.statusText };
  }
}

export function useSubmitPublicFeedback(token: string) {
  return useMutation({
    mutationFn: ({ feedback, idempotencyKey }: { feedback: PublicFeedback; idempotencyKey: string }) => submitPublicFeedback(token, feedback, idempotencyKey),
  });
}
