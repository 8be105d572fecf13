import { defineStore } from 'pinia';
import { ref, watch } from 'vue';
import type { LocalUpload } from '../../../shared/contract/ipc';
import type { UploadKind } from '../../../shared/domain/uploads';
import { api, onEvent } from '../api';
import { fileToBase64 } from '../lib/files';
import { useCachedList } from './cachedList';
import { useSessionStore } from './session';

/** An image as the UI shows it: loading, ready (a data: URL), or not available (offline, never cached). */
export type ImageState = { state: 'loading' } | { state: 'ready'; url: string; upload: LocalUpload } | { state: 'failed'; error: unknown };

/**
 * Files the user hands to the core (stand images): adding them, their upload progress and queued /
 * refused state, and reading any upload's bytes for display (cached here once per session: an
 * upload's bytes never change under the same id).
 */
export const useUploadsStore = defineStore('uploads', () => {
  const pending = useCachedList<LocalUpload>(() => api['uploads.pending'](), ['upload']);
  /** Bytes sent of files being uploaded now, by upload id. */
  const progress = ref<Record<string, { sentBytes: number; totalBytes: number }>>({});
  const images = ref<Record<string, ImageState>>({});
  /** Uploads added in this session, known before `uploads.pending` re-reads. */
  const added = ref<Record<string, LocalUpload>>({});

  onEvent('uploads.progress', (event) => {
    progress.value = { ...progress.value, [event.id]: { sentBytes: event.sentBytes, totalBytes: event.totalBytes } };
  });
  onEvent('cache.changed', (change) => {
    if (!change.entities.includes('upload')) return;
    // A file that could not be read (offline, not cached yet) may be available now.
    for (const [id, image] of Object.entries(images.value)) if (image.state === 'failed') void read(id, true);
  });

  const session = useSessionStore();
  watch(
    () => session.user?.id,
    () => {
      images.value = {};
      added.value = {};
      progress.value = {};
    },
  );

  /** Reads the picked file and hands it to the core. Throws `ApiCallError` (wrong type, too big …). */
  async function add(kind: UploadKind, file: File): Promise<LocalUpload> {
    const fileBase64 = await fileToBase64(file);
    const upload = await api['uploads.add']({ kind, fileName: file.name, fileBase64 });
    added.value = { ...added.value, [upload.id]: upload };
    images.value = { ...images.value, [upload.id]: { state: 'ready', upload, url: `data:${upload.mime};base64,${fileBase64}` } };
    void pending.load();
    return upload;
  }

  /** Starts reading `id` unless already read; `force` retries a failed read. */
  async function read(id: string, force = false): Promise<void> {
    const current = images.value[id];
    if (current && !(force && current.state === 'failed')) return;
    images.value = { ...images.value, [id]: { state: 'loading' } };
    try {
      const { upload, dataBase64 } = await api['uploads.read']({ id });
      images.value = { ...images.value, [id]: { state: 'ready', upload, url: `data:${upload.mime};base64,${dataBase64}` } };
    } catch (error) {
      images.value = { ...images.value, [id]: { state: 'failed', error } };
    }
  }

  /** The image's data: URL, starting to read it when unknown; null until it is ready. */
  function urlOf(id: string): string | null {
    const image = images.value[id];
    if (!image) {
      // Not during render: reading changes the state the caller is rendering from.
      queueMicrotask(() => void read(id));
      return null;
    }
    return image.state === 'ready' ? image.url : null;
  }

  /** Where an upload stands: `queued` / `refused` from the pending list, `uploaded` otherwise (when known). */
  function statusOf(id: string): LocalUpload | null {
    const waiting = pending.items.value.find((u) => u.id === id);
    if (waiting) return waiting;
    const image = images.value[id];
    // Not in the pending list (once it has loaded): the file has reached the server.
    const known = image?.state === 'ready' ? image.upload : (added.value[id] ?? null);
    if (!known) return null;
    return pending.loading.value ? known : { ...known, state: 'uploaded', error: null };
  }

  return { pending, progress, images, add, read, urlOf, statusOf };
});
