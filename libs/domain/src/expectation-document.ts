import type { DocumentChange, Expectation, ExpectationDocument, StepResults } from '@accord/contracts';

/** Which steps' results make up the document: the intake tasks, the analysis and the document draft. */
export interface DocumentSources {
  intake: string[];
  analysis?: string;
  document: string;
}

interface IntakeData {
  phase: string;
  channel: string;
  source?: string;
  concerns?: string;
  expectations: { title: string; category: string; detail?: string; keyDate?: string }[];
}

interface AnalysisData {
  items: {
    expectation: string;
    maslow: NonNullable<Expectation['analysis']>['maslow'];
    kano: NonNullable<Expectation['analysis']>['kano'];
    fishbone?: NonNullable<Expectation['analysis']>['fishbone'];
  }[];
}

/**
 * The expectation document (R-EXP-3) from what the stage recorded: every expectation heard
 * on every channel, with its Maslow level, KANO class and fishbone causes from the analysis,
 * under the customer information, background, objectives and expectations the PM wrote.
 */
export function composeExpectationDocument(steps: StepResults, sources: DocumentSources): ExpectationDocument {
  const draft = steps[sources.document]?.data ?? {};
  const analysis = new Map(
    ((sources.analysis ? steps[sources.analysis]?.data : undefined) as AnalysisData | undefined)?.items.map((item) => [item.expectation, item]) ?? [],
  );
  const expectations: Expectation[] = [];
  const concerns: string[] = [];
  for (const stepId of sources.intake) {
    const result = steps[stepId];
    if (!result) continue;
    const intake = result.data as unknown as IntakeData;
    if (intake.concerns) concerns.push(intake.concerns);
    for (const heard of intake.expectations ?? []) {
      const analysed = analysis.get(heard.title);
      expectations.push({
        title: heard.title,
        category: heard.category,
        phase: intake.phase,
        channel: intake.channel,
        ...(intake.source ? { source: intake.source } : {}),
        ...(heard.detail ? { detail: heard.detail } : {}),
        ...(heard.keyDate ? { keyDate: heard.keyDate } : {}),
        recordedIn: stepId,
        recordedBy: result.by,
        ...(analysed ? { analysis: { maslow: analysed.maslow, kano: analysed.kano, fishbone: analysed.fishbone ?? [] } } : {}),
      });
    }
  }
  const text = (field: string) => (typeof draft[field] === 'string' ? (draft[field] as string) : undefined);
  return {
    customer: text('customer') ?? '',
    background: text('background') ?? '',
    objectives: text('objectives') ?? '',
    requirementPoints: (draft.requirementPoints as string[] | undefined) ?? [],
    keyDates: (draft.keyDates as ExpectationDocument['keyDates'] | undefined) ?? [],
    ...(text('qualityExpectations') ? { qualityExpectations: text('qualityExpectations') } : {}),
    ...(text('acceptanceExpectations') ? { acceptanceExpectations: text('acceptanceExpectations') } : {}),
    concerns,
    expectations,
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Changes between two lists of records matched by a key field, each field compared on its own. */
function diffKeyed<T extends object>(name: string, key: keyof T & string, from: T[], to: T[]): DocumentChange[] {
  const before = new Map(from.map((item) => [String(item[key]), item]));
  const after = new Map(to.map((item) => [String(item[key]), item]));
  const changes: DocumentChange[] = [];
  for (const [id, item] of before) if (!after.has(id)) changes.push({ path: `${name}[${id}]`, change: 'removed', from: item });
  for (const [id, item] of after) {
    const old = before.get(id);
    if (!old) {
      changes.push({ path: `${name}[${id}]`, change: 'added', to: item });
      continue;
    }
    const fields = new Set([...Object.keys(old), ...Object.keys(item)]) as Set<keyof T & string>;
    for (const field of fields) {
      if (!same(old[field], item[field])) changes.push({ path: `${name}[${id}].${field}`, change: 'changed', from: old[field], to: item[field] });
    }
  }
  return changes;
}

/** Items added to and removed from a list of texts. */
function diffTexts(name: string, from: string[], to: string[]): DocumentChange[] {
  return [
    ...from.filter((text) => !to.includes(text)).map((text): DocumentChange => ({ path: name, change: 'removed', from: text })),
    ...to.filter((text) => !from.includes(text)).map((text): DocumentChange => ({ path: name, change: 'added', to: text })),
  ];
}

/**
 * What changed from one version of the expectation document to another: fields changed,
 * requirement points and concerns added or removed, expectations and key dates added,
 * removed or changed field by field (matched by title and milestone).
 */
export function diffExpectationDocuments(from: ExpectationDocument, to: ExpectationDocument): DocumentChange[] {
  const scalar = (['customer', 'background', 'objectives', 'qualityExpectations', 'acceptanceExpectations'] as const).flatMap((field): DocumentChange[] =>
    same(from[field], to[field])
      ? []
      : [{ path: field, change: from[field] === undefined ? 'added' : to[field] === undefined ? 'removed' : 'changed', from: from[field], to: to[field] }],
  );
  return [
    ...scalar,
    ...diffTexts('requirementPoints', from.requirementPoints, to.requirementPoints),
    ...diffTexts('concerns', from.concerns, to.concerns),
    ...diffKeyed('keyDates', 'milestone', from.keyDates, to.keyDates),
    ...diffKeyed('expectations', 'title', from.expectations, to.expectations),
  ];
}
