import { CentreRow } from './CentreRow';
import { CompanyRow } from './CompanyRow';
import { FairRow } from './FairRow';
import { MetaEntry } from './MetaEntry';
import { OutboxEntry } from './OutboxEntry';
import { PreApplicationRow } from './PreApplicationRow';
import { RejectionRow } from './RejectionRow';
import { SessionRow } from './SessionRow';

export { CentreRow, CompanyRow, FairRow, MetaEntry, OutboxEntry, PreApplicationRow, RejectionRow, SessionRow };
export { MetaKey } from './MetaEntry';
export { SESSION_ROW_ID } from './SessionRow';

/**
 * Every cache entity, listed explicitly (never by glob) so the bundled Electron main process
 * registers exactly these classes.
 */
export const cacheEntities = [
  MetaEntry,
  SessionRow,
  CentreRow,
  FairRow,
  CompanyRow,
  PreApplicationRow,
  OutboxEntry,
  RejectionRow,
];

/**
 * Tables holding the signed-in user's synced scope, by the `entity` name the sync patch uses.
 * A reset replaces them wholesale; a sign-out empties them. The outbox and rejections are NOT
 * scope data (a reset must keep them) and are not listed here.
 */
export const scopeEntities = {
  centre: CentreRow,
  fair: FairRow,
  company: CompanyRow,
  preApplication: PreApplicationRow,
} as const;
export type ScopeEntityName = keyof typeof scopeEntities;
