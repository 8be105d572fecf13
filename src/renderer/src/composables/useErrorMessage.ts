import { useI18n } from 'vue-i18n';
import { ApiCallError } from '../api';

/** A failure as the user should read it: a translated headline, the core's detail, and what to do. */
export interface UserFacingError {
  message: string;
  /** The core's own explanation when it adds something (e.g. which address could not be reached). */
  detail?: string;
  hint?: string;
}

/** Turns any thrown value into text for the user, translating the codes we know. */
export function useErrorMessage() {
  const { t } = useI18n();
  return (error: unknown): UserFacingError => {
    if (!(error instanceof ApiCallError)) return { message: t('errors.generic') };
    switch (error.code) {
      case 'invalid_credentials':
      case 'account_inactive':
      case 'bad_server_url':
      case 'session_expired':
      case 'host_disconnected':
      case 'upgrade_required':
        return { message: t(`errors.${error.code}`) };
      case 'server_unreachable':
        return {
          message: t('errors.server_unreachable'),
          detail: error.message,
          hint: t('errors.server_unreachable_hint'),
        };
      default:
        return { message: error.message || t('errors.generic') };
    }
  };
}
