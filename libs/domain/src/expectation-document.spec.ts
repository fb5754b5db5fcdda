import type { ExpectationDocument, StepResults } from '@accord/contracts';
import { composeExpectationDocument, diffExpectationDocuments } from './expectation-document';

const recorded: StepResults = {
  'presales-intake': {
    outcome: 'done',
    by: 'sam',
    data: {
      phase: 'presales',
      channel: 'business-meeting',
      source: 'Kick-off with the CFO',
      expectations: [
        { title: 'Go live before the trade fair', category: 'key-date', keyDate: '2027-03-01' },
        { title: 'Month-end close in one day', category: 'objective' },
      ],
    },
  },
  'contract-points': {
    outcome: 'done',
    by: 'sam',
    data: {
      phase: 'contract',
      channel: 'contract-negotiation',
      concerns: 'Penalty clauses',
      expectations: [{ title: 'Fixed price', category: 'requirement' }],
    },
  },
  analyse: {
    outcome: 'done',
    by: 'paula',
    data: {
      items: [
        {
          expectation: 'Go live before the trade fair',
          maslow: 'esteem',
          kano: 'basic',
          fishbone: [{ category: 'people', cause: 'Key users busy with the fair' }],
        },
      ],
    },
  },
  'draft-document': {
    outcome: 'done',
    by: 'paula',
    data: { customer: 'ACME', background: 'Two plants on paper', objectives: 'One ERP', requirementPoints: ['Finance', 'Stock'] },
  },
};

const sources = { intake: ['presales-intake', 'market-research', 'contract-points'], analysis: 'analyse', document: 'draft-document' };

describe(composeExpectationDocument.name, () => {
  it('gathers every expectation with its channel, phase and analysis under the drafted document', () => {
    const document = composeExpectationDocument(recorded, sources);
    expect(document).toMatchObject({
      customer: 'ACME',
      background: 'Two plants on paper',
      objectives: 'One ERP',
      requirementPoints: ['Finance', 'Stock'],
      concerns: ['Penalty clauses'],
    });
    expect(document.expectations.map((e) => [e.title, e.phase, e.channel, e.recordedBy])).toEqual([
      ['Go live before the trade fair', 'presales', 'business-meeting', 'sam'],
      ['Month-end close in one day', 'presales', 'business-meeting', 'sam'],
      ['Fixed price', 'contract', 'contract-negotiation', 'sam'],
    ]);
    expect(document.expectations[0]).toMatchObject({
      keyDate: '2027-03-01',
      source: 'Kick-off with the CFO',
      analysis: { maslow: 'esteem', kano: 'basic', fishbone: [{ category: 'people', cause: 'Key users busy with the fair' }] },
    });
    expect(document.expectations[2].analysis).toBeUndefined();
  });
});

describe(diffExpectationDocuments.name, () => {
  const v1: ExpectationDocument = composeExpectationDocument(recorded, sources);

  it('finds nothing between equal versions', () => {
    expect(diffExpectationDocuments(v1, structuredClone(v1))).toEqual([]);
  });

  it('names each change by path: fields, list items, and expectations field by field', () => {
    const v2 = structuredClone(v1);
    v2.objectives = 'One ERP and one warehouse system';
    v2.requirementPoints = ['Finance', 'Warehouse'];
    v2.expectations[0].analysis!.kano = 'performance';
    v2.expectations.splice(2, 1);
    v2.expectations.push({
      title: 'Training on site',
      category: 'after-sales',
      phase: 'implementation',
      channel: 'site-visit',
      recordedIn: 'x',
      recordedBy: 'paula',
    });
    expect(diffExpectationDocuments(v1, v2)).toEqual([
      { path: 'objectives', change: 'changed', from: 'One ERP', to: 'One ERP and one warehouse system' },
      { path: 'requirementPoints', change: 'removed', from: 'Stock' },
      { path: 'requirementPoints', change: 'added', to: 'Warehouse' },
      { path: 'expectations[Fixed price]', change: 'removed', from: v1.expectations[2] },
      { path: 'expectations[Go live before the trade fair].analysis', change: 'changed', from: v1.expectations[0].analysis, to: v2.expectations[0].analysis },
      { path: 'expectations[Training on site]', change: 'added', to: v2.expectations[2] },
    ]);
  });
});
