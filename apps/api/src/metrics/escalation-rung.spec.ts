import { escalationsByRung } from './escalation-rung';

describe(escalationsByRung.name, () => {
  it('names every rung, with zero for one that never fired', () => {
    expect(escalationsByRung({})).toEqual({ remind: 0, notify: 0, reassign: 0, 'auto-decide': 0 });
  });

  it('maps audit actions to rungs and ignores any other action', () => {
    expect(escalationsByRung({ 'task.reminded': '3', 'task.escalated': 2, 'task.auto-decided': '1', 'task.completed': '9' })).toEqual({
      remind: 3,
      notify: 2,
      reassign: 0,
      'auto-decide': 1,
    });
  });
});
