import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { SimulationTimelineEntry } from '../api/simulation-queries';

const DAY_MS = 86_400_000;
const WIDTH = 960;
const LABEL_WIDTH = 170;
const RIGHT_PAD = 16;
const AXIS_HEIGHT = 26;
const ROW_HEIGHT = 30;
/** Tick spacings the axis chooses from: about six ticks whatever the span. */
const TICK_STEPS_DAYS = [1, 2, 7, 14, 30, 61, 91, 182];
/** Lines that are the bars themselves (stages) or too many to mark (tasks). */
const NOT_MARKED = new Set(['stage-started', 'stage-completed', 'task-opened', 'task-completed']);
const PROJECT_ROW = '';

interface StageRun {
  from: number;
  to: number;
  ended: boolean;
}

interface Row {
  stage: string;
  runs: StageRun[];
  marks: SimulationTimelineEntry[];
}

/** Stage runs as bars from their start to their end (or the last date), other lines as marks on their stage's row. */
function rowsOf(timeline: SimulationTimelineEntry[], last: number): Row[] {
  const rows = new Map<string, Row>();
  const row = (stage: string) => {
    let found = rows.get(stage);
    if (!found) rows.set(stage, (found = { stage, runs: [], marks: [] }));
    return found;
  };
  const open = new Map<string, StageRun[]>();
  for (const entry of timeline) {
    const at = Date.parse(entry.at);
    const stage = entry.stage ?? PROJECT_ROW;
    if (entry.kind === 'stage-started') {
      const run = { from: at, to: last, ended: false };
      row(stage).runs.push(run);
      open.set(stage, [...(open.get(stage) ?? []), run]);
    } else if (entry.kind === 'stage-completed') {
      const run = open.get(stage)?.shift();
      if (run) Object.assign(run, { to: at, ended: true });
    } else if (!NOT_MARKED.has(entry.kind)) {
      row(stage).marks.push(entry);
    }
  }
  // The project's own row (marks with no stage) goes last.
  return [...rows.values()].sort((a, b) => Number(a.stage === PROJECT_ROW) - Number(b.stage === PROJECT_ROW));
}

/**
 * A simulated project's timeline drawn by date: one row per stage with a bar for each of its
 * runs, and escalations, meetings, deviations and the like as marks (hover names them). The
 * table of every line sits under the chart for keyboards and screen readers.
 */
export function SimulationTimelineChart({ timeline, timezone }: { timeline: SimulationTimelineEntry[]; timezone: string }) {
  const { t, i18n } = useTranslation();
  const dates = useMemo(() => {
    const short = new Intl.DateTimeFormat(i18n.language, { timeZone: timezone, month: 'short', day: 'numeric' });
    const full = new Intl.DateTimeFormat(i18n.language, { timeZone: timezone, dateStyle: 'medium', timeStyle: 'short' });
    return { short: (ms: number) => short.format(ms), full: (at: string | number) => full.format(new Date(at)) };
  }, [i18n.language, timezone]);
  if (timeline.length === 0) return null;

  const first = Date.parse(timeline[0].at);
  const last = Math.max(Date.parse(timeline[timeline.length - 1].at), first + DAY_MS);
  const rows = rowsOf(timeline, last);
  const plotWidth = WIDTH - LABEL_WIDTH - RIGHT_PAD;
  const x = (ms: number) => LABEL_WIDTH + ((ms - first) / (last - first)) * plotWidth;
  const height = AXIS_HEIGHT + rows.length * ROW_HEIGHT + 4;
  const stepDays = TICK_STEPS_DAYS.find((days) => (last - first) / DAY_MS / days <= 7) ?? TICK_STEPS_DAYS[TICK_STEPS_DAYS.length - 1];
  const ticks = Array.from({ length: Math.floor((last - first) / (stepDays * DAY_MS)) + 1 }, (_, index) => first + index * stepDays * DAY_MS);
  const kindLabel = (kind: string) => t(`project.timelineKind.${kind}`, { defaultValue: kind });
  const markedKinds = [...new Set(rows.flatMap((candidate) => candidate.marks.map((mark) => mark.kind)))];

  return (
    <figure className="simulation-chart" data-testid="simulation-chart">
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby="simulation-chart-caption">
        {ticks.map((tick) => (
          <g key={tick} className="axis-tick">
            <line x1={x(tick)} x2={x(tick)} y1={AXIS_HEIGHT - 6} y2={height} />
            <text x={x(tick)} y={AXIS_HEIGHT - 10} textAnchor="middle">
              {dates.short(tick)}
            </text>
          </g>
        ))}
        {rows.map((candidate, index) => {
          const top = AXIS_HEIGHT + index * ROW_HEIGHT;
          const label = candidate.stage === PROJECT_ROW ? t('definitions.simulation.projectRow') : candidate.stage;
          return (
            <g key={candidate.stage || 'project'} className="simulation-row" data-stage={candidate.stage || 'project'}>
              <text x={LABEL_WIDTH - 8} y={top + ROW_HEIGHT / 2 + 4} textAnchor="end" className="row-label">
                {label}
              </text>
              {candidate.runs.map((run) => (
                <rect
                  key={run.from}
                  className={run.ended ? 'stage-run' : 'stage-run stage-run-open'}
                  x={x(run.from)}
                  y={top + 7}
                  width={Math.max(x(run.to) - x(run.from), 3)}
                  height={ROW_HEIGHT - 14}
                  rx={3}
                >
                  <title>{`${label}: ${dates.full(run.from)} – ${run.ended ? dates.full(run.to) : '…'}`}</title>
                </rect>
              ))}
              {candidate.marks.map((mark, markIndex) => (
                <circle
                  key={`${mark.at}-${markIndex}`}
                  className={`timeline-mark mark-${mark.kind}`}
                  cx={x(Date.parse(mark.at))}
                  cy={top + ROW_HEIGHT / 2}
                  r={5}
                >
                  <title>{`${kindLabel(mark.kind)} · ${dates.full(mark.at)} · ${mark.detail}`}</title>
                </circle>
              ))}
            </g>
          );
        })}
      </svg>
      <figcaption id="simulation-chart-caption">
        {t('definitions.simulation.chartCaption')}
        <span className="chart-legend" aria-label={t('definitions.simulation.legend')}>
          <span className="legend-item">
            <span className="swatch swatch-stage" aria-hidden="true" />
            {t('definitions.simulation.stageRun')}
          </span>
          {markedKinds.map((kind) => (
            <span key={kind} className="legend-item">
              <span className={`swatch swatch-mark mark-${kind}`} aria-hidden="true" />
              {kindLabel(kind)}
            </span>
          ))}
        </span>
      </figcaption>
      <details>
        <summary>{t('definitions.simulation.entries', { count: timeline.length })}</summary>
        <table className="tasks">
          <thead>
            <tr>
              <th scope="col">{t('definitions.simulation.columns.at')}</th>
              <th scope="col">{t('definitions.simulation.columns.kind')}</th>
              <th scope="col">{t('definitions.simulation.columns.stage')}</th>
              <th scope="col">{t('definitions.simulation.columns.detail')}</th>
            </tr>
          </thead>
          <tbody>
            {timeline.map((entry, index) => (
              <tr key={index}>
                <td>
                  <time dateTime={entry.at}>{dates.full(entry.at)}</time>
                </td>
                <td>{kindLabel(entry.kind)}</td>
                <td>{entry.stage ?? '—'}</td>
                <td>{entry.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
