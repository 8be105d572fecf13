import { useI18n } from 'vue-i18n';
import type { VideoInterviewDto } from '../../../shared/domain/video/records';
import type { Locale } from '../../../shared/domain/roles';
import { intlLocale } from '../../../shared/i18n/format';
import { durationParts, formatInZone } from '../lib/videoInterviews';
import { useCentresStore } from '../stores/centres';
import { useFairsStore } from '../stores/fairs';

/**
 * How video interviews read: slot times in the career centre's time zone (the interview day is the
 * centre's day, wherever the manager's computer is) and the state as one sentence.
 */
export function useVideoFormat() {
  const { t, locale } = useI18n();
  const fairs = useFairsStore();
  const centres = useCentresStore();

  /** The zone of the fair's career centre; null when the cache does not know it (the computer's zone is used). */
  function zoneOf(fairId: string): string | null {
    const fair = fairs.items.find((f) => f.id === fairId);
    return centres.items.find((c) => c.id === fair?.centreId)?.timeZone ?? null;
  }

  const time = (interview: Pick<VideoInterviewDto, 'fairId'>, epochMs: number): string =>
    formatInZone(epochMs, intlLocale(locale.value as Locale), zoneOf(interview.fairId));
  /** Only the time of day, in the centre's zone. */
  const clock = (interview: Pick<VideoInterviewDto, 'fairId'>, epochMs: number): string =>
    formatInZone(epochMs, intlLocale(locale.value as Locale), zoneOf(interview.fairId), true);

  function stateText(interview: VideoInterviewDto): string {
    switch (interview.state) {
      case 'invited':
        return t('video.state.invited');
      case 'booked':
        if (interview.slotGone || interview.slotStartsAt === null) return t('video.state.slotGone');
        return t('video.state.booked', { time: time(interview, interview.slotStartsAt) });
      case 'declined':
        return t('video.state.declined');
      case 'held': {
        const { minutes, seconds } = durationParts(interview.durationSeconds ?? 0);
        return t('video.state.held', { duration: t('video.duration', { minutes, seconds }) });
      }
      case 'missed':
        return t(`video.state.missed.${interview.absent ?? 'both'}`);
      case 'cancelled':
        return t('video.state.cancelled');
    }
  }

  /** Loads what the zone needs (fairs and centres from the cache). */
  function prepare(): void {
    void fairs.load();
    void centres.load();
  }

  return { time, clock, stateText, zoneOf, prepare };
}
