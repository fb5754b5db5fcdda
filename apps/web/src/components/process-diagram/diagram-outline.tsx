import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '@/lib/i18n/use-format';
import type { CompiledStage, CompiledStep, StageHandler } from '../../../../../libs/contracts/src/compiled-definition';
import { STATE_ICON, type StepState } from './diagram-nodes';
import { edgeLabelText, factText, kindText } from './diagram-text';
import { type CompiledDefinition, handlerLabel, stepFacts, stepPath } from './layout-process';
import type { ProjectPosition } from './process-diagram';

type Standing = ProjectPosition['steps'][number];

interface OutlineContext {
  stage: CompiledStage;
  names: Map<string, string>;
  steps: Map<string, Standing>;
  counts?: Record<string, number>;
  showStatus: boolean;
}

function stepsWithin(steps: CompiledStep[]): CompiledStep[] {
  return steps.flatMap((step) => (step.type === 'parallel' ? [step, ...step.branches.flatMap((branch) => stepsWithin(branch.steps))] : [step]));
}

function StepItem({ step, context }: { step: CompiledStep; context: OutlineContext }) {
  const { t } = useTranslation();
  const format = useFormat();
  const path = stepPath(context.stage.id, step.id);
  const standing = context.steps.get(path);
  const state = (standing?.state as StepState | undefined) ?? (context.showStatus ? 'not-reached' : undefined);
  const count = context.counts?.[path];
  const name = (id: string) => (id === 'end' ? t('processDiagram.kind.stage-end') : (context.names.get(id) ?? id));
  const facts = stepFacts(step).map((fact) => factText(t, fact));
  return (
    <li data-testid="outline-step" data-path={path}>
      <span className="pd-outline-kind">{kindText(t, { kind: step.type })}</span>: <strong>{step.name}</strong>
      {facts.length > 0 && <span className="muted"> — {facts.join('; ')}</span>}
      {state && (
        <span className={`pd-outline-state pd-state-${state}`} data-testid="outline-state">
          {' '}
          <span aria-hidden="true">{STATE_ICON[state]}</span> {t(`processDiagram.state.${state}`)}
        </span>
      )}
      {count !== undefined && count > 0 && (
        <span className="pd-count"> {t('processDiagram.projectsHere', { count, formattedCount: format.number(count) })}</span>
      )}
      {standing && standing.tasks.length > 0 && (
        <ul>
          {standing.tasks.map((task) => (
            <li key={task.id} data-testid="outline-open-task">
              {t('processDiagram.openTask', { title: task.title, who: task.assignee ?? (task.role ? t('processDiagram.rolePool', { role: task.role }) : '—') })}
            </li>
          ))}
        </ul>
      )}
      {standing?.incident && <p className="pd-outline-incident">{t('processDiagram.incident', { message: standing.incident.message })}</p>}
      {step.type === 'approval' && step.onReject && (
        <p className="pd-outline-route">{t('processDiagram.outlineRework', { step: name(step.onReject.rework), count: step.onReject.maxRounds })}</p>
      )}
      {step.type === 'gate' && (
        <ul>
          {step.routes.map((route, index) => (
            <li key={index}>{t('processDiagram.outlineRoute', { when: route.when, step: name(route.goto) })}</li>
          ))}
          <li>{t('processDiagram.outlineDefault', { step: name(step.default) })}</li>
        </ul>
      )}
      {step.type === 'parallel' && (
        <ul>
          {step.branches.map((branch) => (
            <li key={branch.id}>
              {t('processDiagram.branch', { name: branch.name })}
              <StepList steps={branch.steps} context={context} />
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

function StepList({ steps, context }: { steps: CompiledStep[]; context: OutlineContext }) {
  return (
    <ol>
      {steps.map((step) => (
        <StepItem key={step.id} step={step} context={context} />
      ))}
    </ol>
  );
}

function HandlerItems({ handlers, stages }: { handlers: StageHandler[]; stages: Map<string, string> }) {
  const { t } = useTranslation();
  return (
    <>
      {handlers.map((handler, index) => (
        <li key={index} data-testid="outline-handler">
          {t('processDiagram.outlineHandler', {
            when: edgeLabelText(t, { id: '', source: '', target: '', kind: 'handler', label: handlerLabel(handler) }),
            stage: stages.get(handler.start) ?? handler.start,
          })}
        </li>
      ))}
    </>
  );
}

/** Everything the diagram draws, as nested lists: stages in order, their steps, routes, loops and handlers. */
export function DiagramOutline({
  definition,
  position,
  counts,
}: {
  definition: CompiledDefinition;
  position?: ProjectPosition;
  counts?: Record<string, number>;
}) {
  const { t } = useTranslation();
  const id = useId();
  const stageNames = new Map(definition.stages.map((stage) => [stage.id, stage.name]));
  const steps = new Map((position?.steps ?? []).map((step) => [step.path, step]));
  const stageStates = new Map((position?.stages ?? []).map((stage) => [stage.stage, stage.state]));
  const ordered = [
    ...definition.stages.filter((stage) => stage.trigger !== 'on-demand'),
    ...definition.stages.filter((stage) => stage.trigger === 'on-demand'),
  ];
  return (
    <section className="pd-outline" aria-labelledby={id} data-testid="diagram-outline">
      <h3 id={id}>{t('processDiagram.outline')}</h3>
      {(definition.on ?? []).length > 0 && (
        <>
          <p>{t('processDiagram.processHandlers')}</p>
          <ul>
            <HandlerItems handlers={definition.on ?? []} stages={stageNames} />
          </ul>
        </>
      )}
      <ol>
        {ordered.map((stage) => {
          const context: OutlineContext = {
            stage,
            names: new Map(stepsWithin(stage.steps).map((step) => [step.id, step.name])),
            steps,
            counts,
            showStatus: position !== undefined,
          };
          const state = stageStates.get(stage.id);
          return (
            <li key={stage.id} data-testid="outline-stage" data-stage={stage.id}>
              <strong>{stage.name}</strong> <span className="muted">({kindText(t, { kind: 'stage', onDemand: stage.trigger === 'on-demand' })})</span>
              {stage.when && <span> — {factText(t, { key: 'when', text: stage.when })}</span>}
              {state && <span className={`pd-outline-state pd-state-${state}`}> · {t(`processDiagram.stageState.${state}`)}</span>}
              {(stage.on ?? []).length > 0 && (
                <ul>
                  <HandlerItems handlers={stage.on} stages={stageNames} />
                </ul>
              )}
              <StepList steps={stage.steps} context={context} />
            </li>
          );
        })}
      </ol>
    </section>
  );
}
