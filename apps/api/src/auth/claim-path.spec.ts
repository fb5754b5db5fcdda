import { claimAt } from './claim-path';

describe(claimAt.name, () => {
  it('reads a claim by its name', () => {
    expect(claimAt({ roles: ['pm'] }, 'roles')).toEqual(['pm']);
  });

  it('walks a dotted path through nested claims', () => {
    expect(claimAt({ realm_access: { roles: ['pm', 'qa'] } }, 'realm_access.roles')).toEqual(['pm', 'qa']);
  });

  it('prefers a claim named with the dots, as namespaced claims are', () => {
    expect(claimAt({ 'https://accord.example.com/roles': ['admin'], https: { x: 1 } }, 'https://accord.example.com/roles')).toEqual(['admin']);
  });

  it('finds nothing where the path leaves the objects', () => {
    expect(claimAt({ realm_access: ['pm'] }, 'realm_access.roles')).toBeUndefined();
    expect(claimAt({ realm_access: null }, 'realm_access.roles')).toBeUndefined();
    expect(claimAt({}, 'toString')).toBeUndefined();
  });
});
