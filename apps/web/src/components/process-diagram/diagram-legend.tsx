import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '@/lib/i18n/use-format';
import { KIND_ICON, STATE_ICON, type StepState } from './diagram-nodes';
import type { DiagramEdgeKind, DiagramNodeKind } from './layout-process';

const KINDS: DiagramNodeKind[] = ['task', 'approval', 'meeting', 'cadence', 'timer', 'gate', 'parallel', 'join', 'service', 'subprocess'];
const EDGES: DiagramEdgeKind[] = ['sequence', 'route', 'default-route', 'rework', 'handler'];
const STATES: StepState[] = ['done', 'open', 'waiting', 'failed', 'not-reached'];

/** What the shapes, lines and marks of the diagram mean. */
export function DiagramLegend({ showStatus, showCounts }: { showStatus: boolean; showCounts: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const id = useId();
  return (
    <section className="pd-legend" aria-labelledby={id} data-testid="diagram-legend">
      <h3 id={id}>{t('processDiagram.legend')}</h3>
      <ul className="pd-legend-list">
        {KINDS.map((kind) => (
          <li key={kind}>
            <span aria-hidden="true" className="pd-icon">
              {KIND_ICON[kind]}
            </span>{' '}
            {t(`processDiagram.kind.${kind}`)}
          </li>
        ))}
      </ul>
      <ul className="pd-legend-list">
        {EDGES.map((kind) => (
          <li key={kind}>
            <svg width="36" height="10" aria-hidden="true" className="pd-legend-line">
              <line x1="0" y1="5" x2="36" y2="5" className={`pd-edge pd-edge-${kind}`} />
            </svg>{' '}
            {t(`processDiagram.edgeKind.${kind}`)}
          </li>
        ))}
      </ul>
      {showStatus && (
        <ul className="pd-legend-list">
          {STATES.map((state) => (
            <li key={state} className={`pd-legend-state pd-state-${state}`}>
              <span aria-hidden="true">{STATE_ICON[state]}</span> {t(`processDiagram.state.${state}`)}
            </li>
          ))}
        </ul>
      )}
      {showCounts && (
        <ul className="pd-legend-list">
          <li>
            <span className="pd-count pd-legend-count">{t('processDiagram.projectsHere', { count: 2, formattedCount: format.number(2) })}</span>{' '}
            {t('processDiagram.countsMeaning')}
          </li>
        </ul>
      )}
    </section>
  );
}
