import { defineStore } from 'pinia';
import type { FairDto } from '../../../shared/domain/records';
import { api } from '../api';
import { useCachedList } from './cachedList';

/** Fairs in the user's scope, from the local cache. */
export const useFairsStore = defineStore('fairs', () => {
  const list = useCachedList<FairDto>(() => api['fairs.list']());
  return { ...list };
});
