import { useEffect } from 'react';

/**
 * Asks before leaving with unsaved changes: closing or reloading the tab (beforeunload) and
 * following a link inside the app. The app's BrowserRouter has no navigation blocker
 * (useBlocker needs a data router), so links are caught on their way down, before React
 * Router's own handler; the browser's back button is not.
 */
export function useUnsavedChangesPrompt(dirty: boolean, question: string): void {
  useEffect(() => {
    if (!dirty) return undefined;
    const beforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = question;
    };
    const click = (event: MouseEvent) => {
      const link = (event.target as Element | null)?.closest?.('a[href]');
      if (!link || event.defaultPrevented || link.getAttribute('target') === '_blank' || link.hasAttribute('download')) return;
      if (!window.confirm(question)) {
        event.preventDefault();
        event.stopPropagation();
      }
    };
    window.addEventListener('beforeunload', beforeUnload);
    document.addEventListener('click', click, true);
    return () => {
      window.removeEventListener('beforeunload', beforeUnload);
      document.removeEventListener('click', click, true);
    };
  }, [dirty, question]);
}
