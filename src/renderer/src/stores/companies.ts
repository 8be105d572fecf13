import { defineStore } from 'pinia';
import type { CompanyDto } from '../../../shared/domain/records';
import { api } from '../api';
import { useCachedList } from './cachedList';

/** The employer's companies from the local cache (an employer may hold several). */
export const useCompaniesStore = defineStore('companies', () => {
  const list = useCachedList<CompanyDto>(() => api['companies.list'](), ['company']);
  return { ...list };
});
