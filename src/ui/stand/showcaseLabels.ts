/**
 * The few headings the stand showcase prints. The showcase has no i18n instance of its own: the
 * desktop and the portal pass their translations; anything not passed reads in English.
 */
export interface StandShowcaseLabels {
  about: string;
  advantages: string;
  contacts: string;
  address: string;
  website: string;
  socialLinks: string;
  posters: string;
  brochures: string;
  video: string;
  watchVideo: string;
  noLogo: string;
  imageMissing: string;
  /** Accessible names; `{n}` is replaced with the position. */
  banner: string;
  poster: string;
  brochure: string;
  logoOf: string;
  openImage: string;
}

export const DEFAULT_SHOWCASE_LABELS: StandShowcaseLabels = {
  about: 'About the company',
  advantages: 'Why work with us',
  contacts: 'Contacts',
  address: 'Address',
  website: 'Website',
  socialLinks: 'Social networks',
  posters: 'Posters',
  brochures: 'Brochures',
  video: 'Video',
  watchVideo: 'Watch the video',
  noLogo: 'No logo',
  imageMissing: 'Image not available',
  banner: 'Banner {n}',
  poster: 'Poster {n}',
  brochure: 'Brochure {n}',
  logoOf: 'Logo of {name}',
  openImage: 'Open image',
};

/** Turns an upload id into something an `<img src>` accepts, or null while unknown / not loaded. */
export type ImageUrlResolver = (uploadId: string) => string | null | undefined;
