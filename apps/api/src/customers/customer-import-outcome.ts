import type { CustomerContact, StoredCustomer } from '@accord/persistence';
import type { ImportedCustomer } from './customer-import-rows';
import type { CustomerProfileFields } from './dto/customer-profile.dto';

/** What an import can change of a customer. */
export const CUSTOMER_IMPORT_FIELDS = ['name', 'industry', 'size', 'region', 'annualContractValue', 'contacts'] as const;
export type CustomerImportField = (typeof CUSTOMER_IMPORT_FIELDS)[number];

export const CUSTOMER_IMPORT_OUTCOMES = ['created', 'updated', 'unchanged'] as const;
export type CustomerImportOutcome = (typeof CUSTOMER_IMPORT_OUTCOMES)[number];

/** A customer as stored: the profile is null until one was given. */
export type { StoredCustomer };

const NO_PROFILE: CustomerProfileFields = { industry: null, size: null, region: null, annualContractValue: null, contacts: [] };

const sameContacts = (a: CustomerContact[], b: CustomerContact[]) =>
  a.length === b.length &&
  a.every((contact, at) => contact.name === b[at].name && contact.role === b[at].role && contact.email === b[at].email && contact.phone === b[at].phone);

/**
 * What importing a customer does to what is stored: created when the key is new, else the
 * fields that differ (a customer never given a profile has an empty one, so a file that
 * gives them none leaves them unchanged). This is what makes a second import of the same
 * file change nothing.
 */
export function importOutcome(
  stored: StoredCustomer | undefined,
  imported: ImportedCustomer,
): { outcome: CustomerImportOutcome; changed: CustomerImportField[] } {
  const before = stored?.profile ?? NO_PROFILE;
  const differs: Record<CustomerImportField, boolean> = {
    name: stored?.name !== imported.name,
    industry: before.industry !== imported.profile.industry,
    size: before.size !== imported.profile.size,
    region: before.region !== imported.profile.region,
    annualContractValue: before.annualContractValue !== imported.profile.annualContractValue,
    contacts: !sameContacts(before.contacts, imported.profile.contacts),
  };
  const changed = CUSTOMER_IMPORT_FIELDS.filter((field) => differs[field]);
  return { outcome: !stored ? 'created' : changed.length > 0 ? 'updated' : 'unchanged', changed };
}
