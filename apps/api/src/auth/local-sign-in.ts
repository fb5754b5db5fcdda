import { AccordConfig } from '@accord/runtime';

/**
 * Local sign-in (pick a person, get a session) is for `npm start` on a developer's machine
 * only: anyone who reaches it can become an admin. It is on only when the configuration
 * says so (ACCORD_LOCAL_SIGN_IN=true, which scripts/start.js sets), and never while an
 * identity provider is configured: then only the provider says who someone is.
 */
export function localSignInEnabled(config: AccordConfig): boolean {
  return config.ACCORD_LOCAL_SIGN_IN === 'true' && !config.ACCORD_OIDC_ISSUER;
}

/** A person the local sign-in offers, with the roles their session carries. */
export interface LocalPerson {
  user: string;
  roles: string[];
}

/** The people of the shipped definitions' roles, one each, so a developer can act in any of them. */
export const LOCAL_PEOPLE: readonly LocalPerson[] = [
  { user: 'paula', roles: ['pm'] },
  { user: 'carl', roles: ['customer'] },
  { user: 'sam', roles: ['sales'] },
  { user: 'tina', roles: ['tech'] },
  { user: 'quinn', roles: ['qa'] },
  { user: 'pia', roles: ['pmo'] },
  { user: 'dora', roles: ['dept'] },
  { user: 'ada', roles: ['admin'] },
  { user: 'otto', roles: ['auditor'] },
];
