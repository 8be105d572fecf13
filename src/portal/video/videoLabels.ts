import { computed } from 'vue';
import { useI18n } from 'vue-i18n';
import { DEFAULT_VIDEO_CALL_LABELS, type VideoCallLabels } from '../../ui/video/callLabels';

/** The call view's labels in the portal's language; `{…}` placeholders are left for the view to fill. */
export function useVideoCallLabels() {
  const { t } = useI18n();
  const placeholders = { name: '{name}', rtt: '{rtt}', loss: '{loss}', reason: '{reason}' };
  const keys = Object.keys(DEFAULT_VIDEO_CALL_LABELS) as (keyof VideoCallLabels)[];
  return computed(() => Object.fromEntries(keys.map((key) => [key, t(`videoCall.${key}`, placeholders)])) as unknown as VideoCallLabels);
}
