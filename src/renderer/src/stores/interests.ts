import { defineStore } from 'pinia';
import type { InterestDto } from '../../../shared/domain/participation/records';
import { api } from '../api';
import { useCachedList } from './cachedList';

/** Employer: "want to work for you" of candidates at the company's fairs, from the local cache, newest first. */
export const useInterestsStore = defineStore('interests', () => {
  const list = useCachedList<InterestDto>(() => api['interests.list']({}), ['interest']);
  return { ...list };
});
