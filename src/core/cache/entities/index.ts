import { CentreRow } from './CentreRow';
import { CompanyRow } from './CompanyRow';
import { FairRow } from './FairRow';
import { MetaEntry } from './MetaEntry';
import { PreApplicationRow } from './PreApplicationRow';
import { SessionRow } from './SessionRow';

export { CentreRow, CompanyRow, FairRow, MetaEntry, PreApplicationRow, SessionRow };
export { MetaKey } from './MetaEntry';
export { SESSION_ROW_ID } from './SessionRow';

/**
 * Every cache entity, listed explicitly (never by glob) so the bundled Electron main process
 * registers exactly these classes.
 */
export const cacheEntities = [MetaEntry, SessionRow, CentreRow, FairRow, CompanyRow, PreApplicationRow];

/**
 * Tables holding the signed-in user's synced scope, by the `entity` name the sync patch uses.
 * A reset replaces them wholesale; a sign-out empties them. The next issue's outbox is NOT scope
 * data and must not be listed here.
 */
export const scopeEntities = {
  centre: CentreRow,
  fair: FairRow,
  company: CompanyRow,
  preApplication: PreApplicationRow,
} as const;
export type ScopeEntityName = keyof typeof scopeEntities;
