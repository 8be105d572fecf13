import { computed } from 'vue';
import { useI18n } from 'vue-i18n';
import type { Locale } from '../../../shared/domain/roles';
import {
  formatCalendarDate,
  formatCalendarRange,
  formatDateTime,
  formatMoment,
  formatNumber,
  formatShortDateTime,
} from '../../../shared/i18n/format';

/** The one place the UI formats dates, times and numbers: follows the chosen UI language. */
export function useFormat() {
  const { locale } = useI18n();
  const current = computed(() => locale.value as Locale);
  return {
    dateTime: (epochMs: number) => formatDateTime(epochMs, current.value),
    /** Numeric, for dense tables. */
    shortDateTime: (epochMs: number) => formatShortDateTime(epochMs, current.value),
    moment: (epochMs: number) => formatMoment(epochMs, current.value, Date.now()),
    date: (isoDate: string) => formatCalendarDate(isoDate, current.value),
    dateRange: (from: string, to: string, short = false) => formatCalendarRange(from, to, current.value, short),
    number: (value: number) => formatNumber(value, current.value),
  };
}
