import { computed, ref, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { MAX_REASON_LENGTH, MIN_REASON_LENGTH, validateRejectionReason, type Decision } from '../lib/decision';

/**
 * The reason field of a moderator's decision form (pre-application or participation info): its
 * text, its error — shown once the field was left or the form submitted, or the server's own — and
 * Ctrl/⌘+Enter to submit from inside it (plain Enter makes a new line).
 */
export function useRejectionReason(decision: Ref<Decision>, submit: () => Promise<void>) {
  const { t } = useI18n();
  const reason = ref('');
  const touched = ref(false);
  /** The server's refusal of the reason, shown in place of the local check until the next submit. */
  const serverIssue = ref<string | null>(null);

  const reasonError = computed(() => {
    if (decision.value !== 'reject') return null;
    const problem = validateRejectionReason(reason.value);
    return problem ? t(`forms.errors.${problem}`, { min: MIN_REASON_LENGTH, max: MAX_REASON_LENGTH }) : null;
  });
  const visibleReasonError = computed(() => serverIssue.value ?? (touched.value ? reasonError.value : null));

  /** Call at the start of a submit: shows local errors and forgets the last server refusal. */
  function beginSubmit(): void {
    touched.value = true;
    serverIssue.value = null;
  }

  /** The reason as it is sent: trimmed for a rejection, null for an approval. */
  const reasonToSend = (): string | null => (decision.value === 'reject' ? reason.value.trim() : null);

  function onReasonKeydown(event: KeyboardEvent): void {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void submit();
    }
  }

  return { reason, touched, serverIssue, reasonError, visibleReasonError, beginSubmit, reasonToSend, onReasonKeydown, MAX_REASON_LENGTH };
}
