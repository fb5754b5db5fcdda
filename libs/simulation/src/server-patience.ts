export const STALLED = Symbol('stalled');

/** Resolves with what `call` gives, or with STALLED when it has not answered after `ms` of real time. */
export function outlasts<T>(call: Promise<T>, ms: number): Promise<T | typeof STALLED> {
  let timer: NodeJS.Timeout | undefined;
  const patience = new Promise<typeof STALLED>((resolve) => {
    timer = setTimeout(() => resolve(STALLED), ms);
  });
  return Promise.race([call, patience]).finally(() => clearTimeout(timer));
}
