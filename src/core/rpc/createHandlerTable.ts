import type { EntityManager } from 'typeorm';
import type { AppInfo } from '../../shared/contract/ipc';
import type { CacheStore } from '../cache/cacheStore';
import {
  listCentres,
  listCompanies,
  listFairs,
  listPreApplications,
  listRejections,
} from '../cache/localRecords';
import type { ChangeService } from '../outbox/changeService';
import type { SessionService } from '../session/sessionService';
import type { SyncService } from '../sync/syncService';
import type { HandlerTable } from './handlerTable';

/** What the handler table needs; each method is a thin adapter over one of these. */
export interface CoreServices {
  cache: CacheStore;
  session: SessionService;
  sync: SyncService;
  changes: ChangeService;
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
  const { cache, session, sync, changes } = services;
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
  };
}
