import { computed } from 'vue';
import { useI18n } from 'vue-i18n';
import type { StandShowcaseLabels } from '../../../ui/stand/showcaseLabels';
import { useUploadsStore } from '../stores/uploads';

/** What the desktop hands to `StandShowcase`: translated headings and images from the local cache. */
export function useStandShowcase() {
  const { t } = useI18n();
  const uploads = useUploadsStore();
  const keys: (keyof StandShowcaseLabels)[] = [
    'about',
    'advantages',
    'contacts',
    'address',
    'website',
    'socialLinks',
    'posters',
    'brochures',
    'video',
    'watchVideo',
    'noLogo',
    'imageMissing',
    'banner',
    'poster',
    'brochure',
    'logoOf',
    'openImage',
  ];
  const labels = computed(() => Object.fromEntries(keys.map((key) => [key, t(`standShowcase.${key}`, { n: '{n}', name: '{name}' })])) as unknown as StandShowcaseLabels);
  const imageUrl = (id: string): string | null => uploads.urlOf(id);
  return { labels, imageUrl };
}
