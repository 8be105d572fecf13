import type { AppInfo } from '../../shared/contract/ipc';
import type { CacheStore } from '../cache/cacheStore';
import type { SessionService } from '../session/sessionService';
import type { SyncService } from '../sync/syncService';
import type { HandlerTable } from './handlerTable';

/** What the handler table needs; each method is a thin adapter over one of these. */
export interface CoreServices {
  cache: CacheStore;
  session: SessionService;
  sync: SyncService;
  appInfo: () => Promise<AppInfo>;
}

/**
 * Every method of the IPC contract (`ipcMethods`), implemented over the core services. Inputs
 * arrive already validated by `dispatch`; outputs are the contract's DTOs.
 */
export function createHandlerTable(services: CoreServices): HandlerTable {
  const { cache, session, sync } = services;
  return {
    'app.info': () => services.appInfo(),
    'session.current': () => session.current(),
    'session.login': (input) => session.login(input),
    'session.logout': () => session.logout(),
    'sync.status': async () => sync.currentStatus(),
    'sync.now': () => sync.syncNow(),
    'fairs.list': () => cache.listFairs(),
    'preApplications.list': (filter) => cache.listPreApplications(filter ?? {}),
  };
}
