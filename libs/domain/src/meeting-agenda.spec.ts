import { prefilledAgenda } from './meeting-agenda';

describe(prefilledAgenda.name, () => {
  it('puts open feedback, changes and deviations first, then the latest metrics, then what is overdue', () => {
    expect(
      prefilledAgenda({
        openEvents: [
          { kind: 'signal', name: 'feedback', data: { channel: 'hotline', description: 'The report comes late' }, raisedAt: '2027-01-04T03:00:00.000Z' },
          { kind: 'signal', name: 'change-request', data: { trigger: 'scope', reason: 'Add the warehouse' }, raisedAt: '2027-01-05T03:00:00.000Z' },
          { kind: 'metric-breach', name: 'schedule_deviation', data: { value: -0.2 }, raisedAt: '2027-01-06T03:00:00.000Z' },
        ],
        latestReadings: [
          { metric: 'schedule_deviation', value: -0.029, at: '2027-01-10T00:00:00.000Z' },
          { metric: 'satisfaction', value: 4.333, at: '2027-01-09T00:00:00.000Z' },
        ],
        overdueTasks: [{ title: 'Update the progress table', dueAt: '2027-01-08T10:00:00.000Z', assignee: 'role pm' }],
      }),
    ).toEqual([
      'Open feedback: The report comes late (since 2027-01-04)',
      'Change request in negotiation: Add the warehouse (since 2027-01-05)',
      'Deviation analysis under way: Schedule deviation -20.0% since 2027-01-06',
      'Schedule deviation -2.9% (2027-01-10)',
      'Customer satisfaction 4.3 of 5 (2027-01-09)',
      'Overdue: Update the progress table (due 2027-01-08, role pm)',
    ]);
  });

  it('adds nothing when nothing is open', () => {
    expect(prefilledAgenda({ openEvents: [], latestReadings: [], overdueTasks: [] })).toEqual([]);
  });
});
