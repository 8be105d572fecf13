import { defineStore } from 'pinia';
import type { CentreDto } from '../../../shared/domain/records';
import { api } from '../api';
import { useCachedList } from './cachedList';

/** Career centres (regions) from the local cache: way 1's regions, time zones and holidays for deadlines. */
export const useCentresStore = defineStore('centres', () => {
  const list = useCachedList<CentreDto>(() => api['centres.list'](), ['centre']);
  return { ...list };
});
