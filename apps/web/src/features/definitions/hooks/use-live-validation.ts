import { useEffect, useState } from 'react';
import { type ValidationResult, validateSource } from '../api/definition-queries';

const DEBOUNCE_MS = 400;

export interface LiveValidation {
  /** The API's answer for `checkedSource`; null until the first one. */
  result: ValidationResult | null;
  /** The source `result` is about (the text may have moved on since). */
  checkedSource: string | null;
  /** The compiled definition of the last valid source: what the diagram shows while the text is broken. */
  lastCompiled: Record<string, unknown> | null;
  /** Whether the text changed since the last answer. */
  pending: boolean;
  failure: Error | null;
}

/** The API validates the text as the admin types: one request per pause, and an older answer never overwrites a newer one. */
export function useLiveValidation(source: string | null): LiveValidation {
  const [state, setState] = useState<Omit<LiveValidation, 'pending'>>({ result: null, checkedSource: null, lastCompiled: null, failure: null });
  useEffect(() => {
    if (source === null) return undefined;
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      validateSource(source, controller.signal)
        .then((result) => setState((previous) => ({ result, checkedSource: source, lastCompiled: result.compiled ?? previous.lastCompiled, failure: null })))
        .catch((error: unknown) => {
          // The text changed and this request was cancelled: the next one answers.
          if (controller.signal.aborted) return;
          setState((previous) => ({ ...previous, failure: error instanceof Error ? error : new Error(String(error)) }));
        });
    }, DEBOUNCE_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [source]);
  return { ...state, pending: source !== null && source !== state.checkedSource };
}
