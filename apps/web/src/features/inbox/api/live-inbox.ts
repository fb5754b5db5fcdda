import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';

/** Where the API tells a signed-in person that their inbox may have changed (server-sent events). */
const INBOX_EVENTS_PATH = '/inbox/events';

/** `live` while the event stream is open; `polling` before it opens, or while it is down. */
export type InboxFreshness = 'live' | 'polling';

/**
 * Keeps the inbox fresh without a reload: each `inbox` event from the API makes the inbox and
 * its counts ask again. The browser's EventSource reconnects by itself; until it is back the
 * page falls back to polling (see INBOX_POLL_MS).
 */
export function useLiveInbox(): InboxFreshness {
  const queryClient = useQueryClient();
  const [freshness, setFreshness] = useState<InboxFreshness>('polling');
  useEffect(() => {
    if (typeof EventSource === 'undefined') return undefined;
    const source = new EventSource(INBOX_EVENTS_PATH, { withCredentials: true });
    const refresh = () => {
      void queryClient.invalidateQueries({ queryKey: ['inbox'] });
      void queryClient.invalidateQueries({ queryKey: ['inbox-counts'] });
    };
    source.addEventListener('ready', () => {
      setFreshness('live');
      // Whatever changed while the stream was down is read now.
      refresh();
    });
    source.addEventListener('inbox', refresh);
    source.onerror = () => setFreshness('polling');
    return () => source.close();
  }, [queryClient]);
  return freshness;
}
