import { defineStore } from 'pinia';
import type { PreApplicationDto } from '../../../shared/domain/records';
import { api } from '../api';
import { useCachedList } from './cachedList';

/**
 * Every pre-application in the user's scope (a moderator's region, an employer's own), read from
 * the local cache. Filtering and search happen on the page, so status counts stay exact and typing
 * in the search box never waits on the core.
 */
export const usePreApplicationsStore = defineStore('preApplications', () => {
  const list = useCachedList<PreApplicationDto>(() => api['preApplications.list']({}));
  return { ...list };
});
