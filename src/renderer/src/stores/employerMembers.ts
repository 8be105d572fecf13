import { defineStore } from 'pinia';
import { computed } from 'vue';
import type { EmployerMember } from '../../../shared/domain/roles';
import { api } from '../api';
import { useCachedList } from './cachedList';

/**
 * The employer's admins and cabinet managers (`employer.members`): from the server when online,
 * otherwise the copy the core kept; empty for moderators. Re-read after every sync, emptied when
 * the signed-in user changes.
 */
export const useEmployerMembersStore = defineStore('employerMembers', () => {
  const list = useCachedList<EmployerMember>(() => api['employer.members'](), []);
  const active = computed(() => list.items.value.filter((m) => m.active));
  const byId = (id: string): EmployerMember | null => list.items.value.find((m) => m.id === id) ?? null;
  return { ...list, active, byId };
});
