import { useI18n } from 'vue-i18n';
import type { PreApplicationDto } from '../../../shared/domain/records';
import { useFormat } from './useFormat';

/**
 * Where an application asks to take part, as one line: the fair's title (way 2), or the region
 * and desired period (way 1).
 */
export function useApplicationPlace() {
  const { t } = useI18n();
  const format = useFormat();

  function period(application: PreApplicationDto, short = false): string {
    const { desiredFrom, desiredTo } = application;
    if (desiredFrom && desiredTo) return format.dateRange(desiredFrom, desiredTo, short);
    if (desiredFrom) return format.date(desiredFrom);
    if (desiredTo) return format.date(desiredTo);
    return t('common.notSet');
  }

  /** `short` abbreviates the months, for tables. */
  function place(application: PreApplicationDto, short = false): string {
    if (application.way === 2) return application.fairTitle ?? t('common.notSet');
    return `${application.region} · ${period(application, short)}`;
  }

  return { place, period };
}
