import { churnCrossing } from './churn-watch';

describe(churnCrossing.name, () => {
  const on = { warning: true };
  const off = { warning: false };

  it('crosses when the warning turns on for the first time', () => {
    expect(churnCrossing(null, on, 'complaint-2')).toEqual({ crossed: true, state: { warning: true, crossedBy: 'complaint-2' } });
  });

  it('does not cross again while the warning stays on', () => {
    const { state } = churnCrossing(null, on, 'complaint-2');
    expect(churnCrossing(state, on, 'reading-7').crossed).toBe(false);
  });

  it('answers the evaluation that crossed the same when it is asked again', () => {
    const { state } = churnCrossing(null, on, 'complaint-2');
    expect(churnCrossing(state, on, 'complaint-2').crossed).toBe(true);
  });

  it('re-arms when the warning goes off, and crosses on the next turn on', () => {
    const first = churnCrossing(null, on, 'complaint-2').state;
    const cleared = churnCrossing(first, off, 'survey-1');
    expect(cleared).toEqual({ crossed: false, state: { warning: false, crossedBy: 'complaint-2' } });
    expect(churnCrossing(cleared.state, on, 'complaint-5')).toEqual({ crossed: true, state: { warning: true, crossedBy: 'complaint-5' } });
  });

  it('never crosses without a warning', () => {
    expect(churnCrossing(null, off, 'reading-1').crossed).toBe(false);
  });
});
