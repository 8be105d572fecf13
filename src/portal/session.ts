import { ref } from 'vue';
import { z } from 'zod';
import { PortalMeResponse, portalRoutes, type CandidateDto } from '../shared/api/portal';
import { portalCall, PortalApiError } from './portalApi';

/**
 * The signed-in candidate, shared by every page. The cookie itself is httpOnly: the portal learns
 * who is signed in by asking `GET /api/portal/me` (401 = nobody).
 */
export const candidate = ref<CandidateDto | null>(null);
export const sessionChecked = ref(false);

export async function refreshSession(): Promise<void> {
  try {
    candidate.value = (await portalCall('GET', portalRoutes.me.path, PortalMeResponse)).candidate;
  } catch (error) {
    if (!(error instanceof PortalApiError) || error.status !== 401) throw error;
    candidate.value = null;
  } finally {
    sessionChecked.value = true;
  }
}

export async function signOut(): Promise<void> {
  await portalCall('POST', portalRoutes.signOut.path, z.undefined());
  candidate.value = null;
}
