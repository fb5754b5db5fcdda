export type TrendDirection = 'rising' | 'flat' | 'falling' | 'unknown';

/** A figure at a time, named by what it came from (a reading id, a recorded value). */
export interface DatedFigure {
  id: string;
  at: Date;
  value: number;
}

export interface SeriesTrend {
  direction: TrendDirection;
  from: string;
  to: string;
  /** Mean of the figures in the window's first half, and in its second half; null when a half has none. */
  earlier: number | null;
  later: number | null;
  /** later − earlier. */
  change: number | null;
  /** The figures used, oldest first. */
  figures: { id: string; at: string; value: number }[];
}

/**
 * Whether a series rose, stayed flat or fell within [from, to]: the mean of its second half
 * against the mean of its first; a change under `flatTolerance` of the earlier mean is flat,
 * and without figures in both halves there is no trend to tell.
 */
export function seriesTrend(figures: DatedFigure[], window: { from: Date; to: Date; flatTolerance: number }): SeriesTrend {
  const inWindow = figures
    .filter((figure) => figure.at >= window.from && figure.at <= window.to)
    .sort((a, b) => a.at.getTime() - b.at.getTime() || a.id.localeCompare(b.id));
  const middle = window.from.getTime() + (window.to.getTime() - window.from.getTime()) / 2;
  const mean = (values: number[]) => (values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length);
  const earlier = mean(inWindow.filter((figure) => figure.at.getTime() < middle).map((figure) => figure.value));
  const later = mean(inWindow.filter((figure) => figure.at.getTime() >= middle).map((figure) => figure.value));
  const change = earlier === null || later === null ? null : later - earlier;
  const direction: TrendDirection =
    earlier === null || change === null ? 'unknown' : Math.abs(change) <= Math.abs(earlier) * window.flatTolerance ? 'flat' : change > 0 ? 'rising' : 'falling';
  return {
    direction,
    from: window.from.toISOString(),
    to: window.to.toISOString(),
    earlier,
    later,
    change,
    figures: inWindow.map((figure) => ({ id: figure.id, at: figure.at.toISOString(), value: figure.value })),
  };
}

/** The start of a window of `months` calendar months ending at `now`. */
export function monthsBefore(now: Date, months: number): Date {
  const from = new Date(now);
  from.setUTCMonth(from.getUTCMonth() - months);
  return from;
}
