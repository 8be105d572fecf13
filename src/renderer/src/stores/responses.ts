import { defineStore } from 'pinia';
import { ref, watch } from 'vue';
import type { LocalResponse } from '../../../shared/contract/ipc';
import { api } from '../api';
import { base64ToBlob, downloadBlob } from '../lib/blobs';
import { useCachedList } from './cachedList';
import { useSessionStore } from './session';

/**
 * Employer: candidates' responses to the company's vacancies, all fairs (also finished ones), from
 * the local cache; re-read when a pull brings responses. Pages filter and sort them locally.
 */
export const useResponsesStore = defineStore('responses', () => {
  const list = useCachedList<LocalResponse>(() => api['responses.list']({}), ['response', 'upload']);
  /** Responses whose resume is being fetched now. */
  const opening = ref<ReadonlySet<string>>(new Set());

  const session = useSessionStore();
  watch(
    () => session.user?.id,
    () => {
      opening.value = new Set();
    },
  );

  /**
   * Opens the resume in the computer's own viewer (Electron), or else offers it as a download; the
   * core reads it from the local copy, or fetches it once and keeps it for offline use. Throws
   * `ApiCallError` (e.g. offline and not cached yet).
   */
  async function openResume(response: LocalResponse): Promise<'opened' | 'downloaded'> {
    opening.value = new Set([...opening.value, response.id]);
    try {
      let how: 'opened' | 'downloaded' = 'opened';
      if (!(await api['uploads.open']({ id: response.resumeUploadId })).opened) {
        const { upload, dataBase64 } = await api['uploads.read']({ id: response.resumeUploadId });
        downloadBlob(base64ToBlob(dataBase64, upload.mime), response.resumeFileName || upload.fileName);
        how = 'downloaded';
      }
      // Now kept on this computer: show "available offline" without waiting for a reload.
      if (!response.resumeCached) {
        list.items.value = list.items.value.map((r) => (r.resumeUploadId === response.resumeUploadId ? { ...r, resumeCached: true } : r));
      }
      return how;
    } finally {
      const next = new Set(opening.value);
      next.delete(response.id);
      opening.value = next;
    }
  }

  return { ...list, opening, openResume };
});
