import { importOutcome, type StoredCustomer } from './customer-import-outcome';
import type { ImportedCustomer } from './customer-import-rows';

const CARLA = { name: 'Carla Jones', role: 'Head of IT', email: 'carla@acme.example', phone: null };
const imported = (profile: Partial<ImportedCustomer['profile']> = {}, name = 'ACME'): ImportedCustomer => ({
  key: 'acme',
  name,
  lines: [2],
  profile: { industry: 'manufacturing', size: null, region: null, annualContractValue: 1000, contacts: [CARLA], ...profile },
});
const stored = (customer: ImportedCustomer): StoredCustomer => ({ name: customer.name, profile: customer.profile });

describe(importOutcome.name, () => {
  it('creates a customer whose key is new, naming what the file gives them', () => {
    expect(importOutcome(undefined, imported())).toEqual({ outcome: 'created', changed: ['name', 'industry', 'annualContractValue', 'contacts'] });
  });

  it('leaves a customer as stored unchanged', () => {
    expect(importOutcome(stored(imported()), imported())).toEqual({ outcome: 'unchanged', changed: [] });
  });

  it('leaves a customer never given a profile unchanged by a file that gives none', () => {
    const bare = imported({ industry: null, annualContractValue: null, contacts: [] });
    expect(importOutcome({ name: 'ACME', profile: null }, bare)).toEqual({ outcome: 'unchanged', changed: [] });
  });

  it('updates the fields that differ, a contact’s order and a cleared value included', () => {
    const before = stored(imported({ contacts: [CARLA, { ...CARLA, name: 'Bob' }] }));
    expect(importOutcome(before, imported({ annualContractValue: null, contacts: [{ ...CARLA, name: 'Bob' }, CARLA] }, 'ACME Corp'))).toEqual({
      outcome: 'updated',
      changed: ['name', 'annualContractValue', 'contacts'],
    });
  });
});
