import type { EntityManager } from 'typeorm';
import type { AppInfo } from '../../shared/contract/ipc';
import type { CacheStore } from '../cache/cacheStore';
import type { ChatService } from '../chat/chatService';
import {
  listCentres,
  listCompanies,
  listFairs,
  listParticipations,
  listPreApplications,
  listRejections,
  listStands,
  listVacancies,
} from '../cache/localRecords';
import { listInterests, listResponses } from '../cache/responseRecords';
import { importVacancyCsvFile, vacancyCsvTemplate } from '../import/vacancyCsv';
import { listNotifications, markNotificationsRead } from '../notifications/notifications';
import type { ChangeService } from '../outbox/changeService';
import type { EmployerMembersService } from '../responses/employerMembersService';
import type { FairOverviewService } from '../responses/fairOverviewService';
import type { SessionService } from '../session/sessionService';
import type { SyncService } from '../sync/syncService';
import type { UploadService } from '../uploads/uploadService';
import type { VideoInterviewService } from '../video/videoInterviewService';
import type { HandlerTable } from './handlerTable';

/** What the handler table needs; each method is a thin adapter over one of these. */
export interface CoreServices {
  cache: CacheStore;
  session: SessionService;
  sync: SyncService;
  changes: ChangeService;
  uploads: UploadService;
  fairOverview: FairOverviewService;
  employerMembers: EmployerMembersService;
  chats: ChatService;
  videoInterviews: VideoInterviewService;
  appInfo: () => Promise<AppInfo>;
}

/**
 * Every method of the IPC contract (`ipcMethods`), implemented over the core services. Inputs
 * arrive already validated by `dispatch`; outputs are the contract's DTOs.
 *
 * Reads come from the cache and work offline. While nobody is signed in they answer empty: a
 * cache kept for a user whose session ended is not shown to whoever sits at the desk next.
 */
export function createHandlerTable(services: CoreServices): HandlerTable {
  const { cache, session, sync, changes, uploads } = services;
  const readSignedIn = async <T>(empty: T, work: (m: EntityManager) => Promise<T>): Promise<T> =>
    (await session.current()) ? cache.read(work) : empty;

  return {
    'app.info': () => services.appInfo(),
    'session.current': () => session.current(),
    'session.login': (input) => session.login(input),
    'session.logout': (input) => session.logout({ discardPending: input?.discardPending ?? false }),
    'sync.status': async () => sync.currentStatus(),
    'sync.now': () => sync.syncNow(),
    'sync.rejections': () => readSignedIn([], listRejections),
    'sync.dismissRejection': async ({ mutationId }) => {
      await changes.dismissRejection(mutationId);
      await sync.refreshCounts();
    },
    'fairs.list': () => readSignedIn([], listFairs),
    'fairs.create': (input) => changes.createFair(input),
    'fairs.update': (input) => changes.updateFair(input),
    'centres.list': () => readSignedIn([], listCentres),
    'companies.list': () => readSignedIn([], listCompanies),
    'preApplications.list': (filter) => readSignedIn([], (m) => listPreApplications(m, filter ?? {})),
    'preApplications.create': (input) => changes.createPreApplication(input),
    'preApplications.withdraw': (input) => changes.withdrawPreApplication(input),
    'preApplications.decide': (input) => changes.decidePreApplication(input),

    'stands.list': () => readSignedIn([], listStands),
    'stands.save': (input) => changes.saveStand(input),
    'stands.duplicate': (input) => changes.duplicateStand(input),
    'stands.delete': (input) => changes.deleteStand(input),
    'vacancies.list': (filter) => readSignedIn([], (m) => listVacancies(m, filter)),
    'vacancies.save': (input) => changes.saveVacancy(input),
    'vacancies.delete': (input) => changes.deleteVacancy(input),
    'vacancies.importFromLibrary': (input) => changes.importFromLibrary(input),
    'vacancies.importCsv': async ({ participationId, fileBase64 }) => {
      const parsed = importVacancyCsvFile(Buffer.from(fileBase64, 'base64'));
      if (!parsed.ok) return { ok: false, errors: parsed.errors };
      // One mutation for the whole file: the server adds every row or none.
      const vacancies = await changes.importVacancies(participationId, parsed.vacancies);
      return { ok: true, vacancies, ignoredColumns: parsed.ignoredColumns };
    },
    'vacancies.csvTemplate': async ({ language }) => vacancyCsvTemplate({ language }),
    'participations.list': async (filter) => {
      const current = await session.current();
      if (!current) return [];
      // A moderator never sees drafts: they are the employer's business until sent.
      return cache.read((m) => listParticipations(m, { ...filter, withoutDrafts: current.user.role === 'moderator' }));
    },
    'participations.update': (input) => changes.updateParticipation(input),
    'participations.send': (input) => changes.sendParticipation(input),
    'participations.withdraw': (input) => changes.withdrawParticipation(input),
    'participations.reopen': (input) => changes.reopenParticipation(input),
    'participations.decide': (input) => changes.decideParticipation(input),
    'uploads.add': (input) => uploads.add(input),
    'uploads.read': (input) => uploads.read(input),
    'uploads.open': (input) => uploads.open(input),
    'uploads.pending': () => uploads.pending(),
    'responses.list': (filter) => readSignedIn([], (m) => listResponses(m, filter ?? {})),
    'interests.list': (filter) => readSignedIn([], (m) => listInterests(m, filter ?? {})),
    'fairs.overview': ({ fairId }) => services.fairOverview.overview(fairId),
    'employer.members': () => services.employerMembers.members(),
    'notifications.list': () => readSignedIn([], listNotifications),
    'notifications.markRead': async (input) => {
      if (!(await session.current())) return;
      await cache.write((m) => markNotificationsRead(m, input.ids, Date.now()));
    },
    'chats.list': (filter) => services.chats.list(filter),
    'chats.messages': ({ conversationId }) => services.chats.messages(conversationId),
    'chats.send': ({ conversationId, body }) => services.chats.send(conversationId, body),
    'chats.discard': ({ messageId }) => services.chats.discard(messageId),
    'chats.markRead': ({ conversationId, seq }) => services.chats.markRead(conversationId, seq),
    'chats.typing': ({ conversationId }) => services.chats.typing(conversationId),
    'chats.claim': ({ conversationId }) => services.chats.claim(conversationId),
    'chats.assign': ({ conversationId, userId }) => services.chats.assign(conversationId, userId),
    'chats.setStatus': ({ conversationId, status }) => services.chats.setStatus(conversationId, status),
    'chats.connection': () => services.chats.connection(),
    'videoInterviews.invite': (input) => changes.inviteToVideoInterview(input),
    'videoInterviews.saveNote': (input) => changes.saveVideoNote(input),
    'videoInterviews.list': () => services.videoInterviews.list(),
    'videoInterviews.join': ({ id }) => services.videoInterviews.join(id),
    'videoInterviews.end': ({ id }) => services.videoInterviews.end(id),
    'videoInterviews.openCallWindow': ({ id }) => services.videoInterviews.openCallWindow(id),
  };
}
