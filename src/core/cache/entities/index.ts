import { CentreRow } from './CentreRow';
import { ChatConversationRow } from './ChatConversationRow';
import { ChatMessageRow } from './ChatMessageRow';
import { CompanyRow } from './CompanyRow';
import { FairRow } from './FairRow';
import { InterestRow } from './InterestRow';
import { MetaEntry } from './MetaEntry';
import { NotificationRow } from './NotificationRow';
import { OutboxEntry } from './OutboxEntry';
import { ParticipationRow } from './ParticipationRow';
import { PreApplicationRow } from './PreApplicationRow';
import { RejectionRow } from './RejectionRow';
import { ResponseRow } from './ResponseRow';
import { SessionRow } from './SessionRow';
import { StandRow } from './StandRow';
import { UploadRow } from './UploadRow';
import { VacancyRow } from './VacancyRow';

export {
  CentreRow,
  ChatConversationRow,
  ChatMessageRow,
  CompanyRow,
  FairRow,
  InterestRow,
  MetaEntry,
  NotificationRow,
  OutboxEntry,
  ParticipationRow,
  PreApplicationRow,
  RejectionRow,
  ResponseRow,
  SessionRow,
  StandRow,
  UploadRow,
  VacancyRow,
};
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
  StandRow,
  VacancyRow,
  ParticipationRow,
  UploadRow,
  ResponseRow,
  InterestRow,
  NotificationRow,
  ChatConversationRow,
  ChatMessageRow,
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
  stand: StandRow,
  vacancy: VacancyRow,
  participation: ParticipationRow,
  response: ResponseRow,
  interest: InterestRow,
} as const;
export type ScopeEntityName = keyof typeof scopeEntities;

/** The scope entities local changes write to (a rebase or a dismissed rejection may change any of their lists). */
export const MUTABLE_ENTITIES: readonly ScopeEntityName[] = ['fair', 'preApplication', 'stand', 'vacancy', 'participation'];
