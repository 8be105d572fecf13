import { computed } from 'vue';
import { useI18n } from 'vue-i18n';
import type { LocalParticipation, LocalFair } from '../../../shared/contract/ipc';
import { lastDayForChanges } from '../../../shared/domain/deadlines';
import {
  checkAction,
  checkEdit,
  lastDayForSubmission,
  missingForSubmission,
  type ParticipationAction,
  type ParticipationPart,
  type ParticipationState,
  type RuleResult,
} from '../../../shared/domain/participation/participationRules';
import type { CentreDto } from '../../../shared/domain/records';
import { useCentresStore } from '../stores/centres';
import { useFairsStore } from '../stores/fairs';
import { useSessionStore } from '../stores/session';
import { useFormat } from './useFormat';

/** Whether an action is possible now, and if not, why (translated). */
export interface Allowed {
  ok: boolean;
  reason: string | null;
}

/**
 * The shared participation rules (`checkAction`, `checkEdit`, deadlines) applied in the renderer so
 * buttons are disabled before the user hits a rule, each with the reason in the UI language. When
 * the fair or its centre is not in the cache yet, actions stay enabled: the core and server decide.
 */
export function useParticipationRules() {
  const { t } = useI18n();
  const format = useFormat();
  const session = useSessionStore();
  const fairs = useFairsStore();
  const centres = useCentresStore();

  const fairOf = (info: Pick<LocalParticipation, 'fairId'>): LocalFair | null => fairs.items.find((f) => f.id === info.fairId) ?? null;
  const centreOf = (info: Pick<LocalParticipation, 'centreId'>): CentreDto | null => centres.items.find((c) => c.id === info.centreId) ?? null;

  const actor = computed(() => {
    const user = session.user;
    return user ? { role: user.role, centreId: user.centreId, employerId: user.employerId } : null;
  });

  function stateOf(info: LocalParticipation, vacancyCount: number): ParticipationState {
    return { status: info.status, employerId: info.employerId, centreId: info.centreId, hasStand: info.standId !== null, vacancyCount };
  }

  function explain(result: RuleResult, info: LocalParticipation, fair: LocalFair, centre: CentreDto, kind: ParticipationAction | ParticipationPart, vacancyCount: number): Allowed {
    if (result.ok) return { ok: true, reason: null };
    switch (result.code) {
      case 'forbidden':
        return { ok: false, reason: t('participation.blocked.forbidden') };
      case 'incomplete': {
        const missing = missingForSubmission({ hasStand: info.standId !== null, vacancyCount });
        const words = missing.map((m) => (m.startsWith('Attach') ? t('participation.blocked.attachStand') : t('participation.blocked.addVacancy')));
        return { ok: false, reason: words.join(' ') };
      }
      case 'deadline_passed': {
        const afterApproval = info.status === 'approved';
        return afterApproval
          ? { ok: false, reason: t('participation.blocked.changesDeadline', { date: format.date(lastDayForChanges(fair.startsOn)) }) }
          : { ok: false, reason: t('participation.blocked.submissionDeadline', { date: format.date(lastDayForSubmission(fair, centre)) }) };
      }
      case 'wrong_status':
        if (info.status === 'sent' && (kind === 'stand' || kind === 'vacancies' || kind === 'interviewPlan' || kind === 'edit')) {
          return { ok: false, reason: t('participation.blocked.sentLocked') };
        }
        if ((info.status === 'rejected' || info.status === 'withdrawn') && (kind === 'stand' || kind === 'vacancies' || kind === 'interviewPlan' || kind === 'edit')) {
          return { ok: false, reason: t('participation.blocked.reopenToEdit', { status: t(`participation.status.${info.status}`) }) };
        }
        return { ok: false, reason: t('participation.blocked.wrongStatus', { status: t(`participation.status.${info.status}`) }) };
    }
  }

  /** May `action` be done now on `info`, which has `vacancyCount` vacancies? */
  function action(info: LocalParticipation, act: ParticipationAction, vacancyCount: number, now = Date.now()): Allowed {
    const fair = fairOf(info);
    const centre = centreOf(info);
    if (!actor.value) return { ok: false, reason: null };
    if (!fair || !centre) return { ok: true, reason: null };
    const result = checkAction(stateOf(info, vacancyCount), act, { actor: actor.value, fair, centre, now });
    return explain(result, info, fair, centre, act, vacancyCount);
  }

  /** May `part` of `info` be edited now? */
  function edit(info: LocalParticipation, part: ParticipationPart, now = Date.now()): Allowed {
    const fair = fairOf(info);
    const centre = centreOf(info);
    if (!actor.value) return { ok: false, reason: null };
    if (!fair || !centre) return { ok: true, reason: null };
    const result = checkEdit(stateOf(info, 0), part, { actor: actor.value, fair, centre, now });
    return explain(result, info, fair, centre, part, 0);
  }

  return { action, edit, fairOf, centreOf };
}
