import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import type { VideoInterviewDto } from '../../../shared/domain/video/records';
import { api, ApiCallError, onEvent } from '../api';
import { invitationFor, notesOnTheirWay, serverClockOffset, timetableByManager, type QueuedNote } from '../lib/videoInterviews';
import { useRejectionsStore } from './rejections';
import { useSessionStore } from './session';
import { useSyncStore } from './sync';

/** Failures that mean "no server right now": the last list stays, with a notice. */
const OFFLINE_CODES = new Set(['server_unreachable', 'host_disconnected']);

/**
 * The employer's video interviews (`videoInterviews.list`): their state is the server's, so this
 * list is asked from the server and re-asked whenever the core says something changed
 * (`videoInterviews.changed`, from the server's pokes) and after each completed sync while an
 * invitation of this session is still on its way. Offline, the last list stays (`offline` is set).
 * Emptied when the signed-in user changes.
 */
export const useVideoInterviewsStore = defineStore('videoInterviews', () => {
  const items = ref<VideoInterviewDto[]>([]);
  /** True until the first load has answered. */
  const loading = ref(true);
  /** The last load's failure other than being offline. */
  const error = ref<unknown>(null);
  /** The last load could not reach the server: `items` is the last list there was (maybe none). */
  const offline = ref(false);
  /** Server time minus local time, from the last list's `serverNow`. */
  const clockOffset = ref(0);
  /** Invitations sent from this session and not yet in the list, by response id → invitation id. */
  const sending = ref<Record<string, string>>({});
  /** Notes queued from this session that the list does not carry yet, by interview id. */
  const notes = ref<Record<string, QueuedNote>>({});
  let loaded = false;
  let generation = 0;

  const session = useSessionStore();
  const rejections = useRejectionsStore();

  async function load(): Promise<void> {
    const mine = ++generation;
    if (!loaded) loading.value = true;
    try {
      const answer = await api['videoInterviews.list']();
      if (mine !== generation) return; // A newer load or a sign-out overtook this one.
      items.value = answer.interviews;
      clockOffset.value = serverClockOffset(answer.serverNow, Date.now());
      error.value = null;
      offline.value = false;
      loaded = true;
      settleSending();
      settleNotes();
    } catch (failure) {
      if (mine !== generation) return;
      if (failure instanceof ApiCallError && OFFLINE_CODES.has(failure.code)) {
        offline.value = true;
        error.value = null;
        loaded = true;
      } else {
        error.value = failure;
      }
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  /** Drops "sending…" for invitations the list now has, or the server refused (shown as a rejection). */
  function settleSending(): void {
    const refused = new Set(rejections.items.map((r) => r.recordId));
    // The rejection names the response (the record the change was about) or the invitation.
    const next = Object.fromEntries(
      Object.entries(sending.value).filter(
        ([responseId, id]) => !refused.has(responseId) && !refused.has(id) && !items.value.some((i) => i.id === id || i.responseId === responseId),
      ),
    );
    if (Object.keys(next).length !== Object.keys(sending.value).length) sending.value = next;
  }

  /** Drops "saving…" for notes the list now carries, or the server refused (shown as a rejection). */
  function settleNotes(): void {
    const next = notesOnTheirWay(notes.value, items.value, rejections.items);
    if (Object.keys(next).length !== Object.keys(notes.value).length) notes.value = next;
  }

  /** *Save note*: queued by the core (also offline) and shown at once, "saving…", until the list has it. Throws `ApiCallError`. */
  async function saveNote(id: string, note: string): Promise<void> {
    const rejectionsBefore = rejections.items.filter((r) => r.recordId === id).map((r) => r.mutationId);
    const version = byId(id)?.version ?? 0;
    const queued = await api['videoInterviews.saveNote']({ id, note });
    notes.value = { ...notes.value, [id]: { note: queued.note, version, rejectionsBefore } };
  }

  /** The note to show on an interview: the one queued here while it is on its way, else the server's. */
  function noteOf(interview: VideoInterviewDto): { text: string; saving: boolean } {
    const queued = notes.value[interview.id];
    return queued ? { text: queued.note, saving: true } : { text: interview.note, saving: false };
  }

  /** *Invite to video interview*: queued by the core (also offline); "sending…" until the list has it. Throws `ApiCallError`. */
  async function invite(responseId: string): Promise<void> {
    const { invitationId } = await api['videoInterviews.invite']({ responseId });
    sending.value = { ...sending.value, [responseId]: invitationId };
  }

  /** The invitation on a response, if the list has one. */
  const forResponse = (responseId: string): VideoInterviewDto | null => invitationFor(items.value, responseId);
  const isSending = (responseId: string): boolean => responseId in sending.value;
  /** The server's clock now (for the join rules). */
  const serverNow = (): number => Date.now() + clockOffset.value;
  const timetable = computed(() => timetableByManager(items.value));
  const byId = (id: string): VideoInterviewDto | null => items.value.find((i) => i.id === id) ?? null;

  /** Puts an interview the server answered (e.g. after *End interview*) into the list at once. */
  function remember(interview: VideoInterviewDto): void {
    items.value = items.value.some((i) => i.id === interview.id) ? items.value.map((i) => (i.id === interview.id ? interview : i)) : [...items.value, interview];
  }

  onEvent('videoInterviews.changed', () => {
    if (loaded) void load();
  });
  watch(
    () => rejections.items,
    () => {
      settleSending();
      settleNotes();
    },
  );
  const sync = useSyncStore();
  watch(
    () => sync.status.lastSyncedAt,
    (now, before) => {
      // The invitation or note reached the server with this sync: ask for the list that has it.
      const waiting = Object.keys(sending.value).length > 0 || Object.keys(notes.value).length > 0;
      if (loaded && now !== before && (waiting || offline.value)) void load();
    },
  );
  watch(
    () => session.user?.id,
    () => {
      generation++;
      items.value = [];
      sending.value = {};
      notes.value = {};
      error.value = null;
      offline.value = false;
      loading.value = true;
      loaded = false;
    },
  );

  return { items, loading, error, offline, clockOffset, timetable, load, invite, saveNote, noteOf, forResponse, isSending, serverNow, byId, remember };
});
