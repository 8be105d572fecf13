import { z } from 'zod';
import type { CompanyDto } from '../records';
import { normaliseWebUrl, optionalWebUrl, parseWebUrl, webUrl } from './urls';

/**
 * A stand (SPEC "Stand"): what candidates see of an employer at a fair. An employer keeps several
 * (for different companies or fairs) and attaches one to each participation info. Images are
 * referenced by upload id: the bytes travel separately (content-checked, size-limited).
 */

/** Length and count limits, shown by the forms before the user hits them. */
export const STAND_LIMITS = {
  internalName: 120,
  companyName: 300,
  address: 300,
  companyInfo: 5000,
  activity: 120,
  advantages: 3000,
  slogan: 200,
  socialLinks: 10,
  banners: 5,
  posters: 5,
  brochures: 10,
} as const;

const text = (what: string, max: number) => z.string().trim().max(max, `The ${what} is too long (at most ${max} characters).`);
const required = (what: string, max: number, message: string) => text(what, max).min(1, message);
const UploadId = z.string().uuid('An image reference is damaged; upload the image again.');
const uploadList = (what: string, max: number) =>
  z
    .array(UploadId)
    .max(max, `At most ${max} ${what} per stand.`)
    .refine((ids) => new Set(ids).size === ids.length, `The same image is among the ${what} twice.`);

/** Social networks we recognise, with the Material Design icon the clients show for each. */
export const SOCIAL_NETWORKS = {
  facebook: { label: 'Facebook', icon: 'mdi-facebook', hosts: ['facebook.com', 'fb.com', 'fb.me'] },
  instagram: { label: 'Instagram', icon: 'mdi-instagram', hosts: ['instagram.com', 'instagr.am'] },
  linkedin: { label: 'LinkedIn', icon: 'mdi-linkedin', hosts: ['linkedin.com', 'lnkd.in'] },
  telegram: { label: 'Telegram', icon: 'mdi-send-circle', hosts: ['t.me', 'telegram.me', 'telegram.org'] },
  whatsapp: { label: 'WhatsApp', icon: 'mdi-whatsapp', hosts: ['wa.me', 'whatsapp.com'] },
  youtube: { label: 'YouTube', icon: 'mdi-youtube', hosts: ['youtube.com', 'youtu.be'] },
  x: { label: 'X (Twitter)', icon: 'mdi-twitter', hosts: ['x.com', 'twitter.com'] },
  tiktok: { label: 'TikTok', icon: 'mdi-music-note', hosts: ['tiktok.com'] },
  vk: { label: 'VK', icon: 'mdi-alpha-v-box', hosts: ['vk.com', 'vk.ru'] },
  odnoklassniki: { label: 'Odnoklassniki', icon: 'mdi-odnoklassniki', hosts: ['ok.ru'] },
  github: { label: 'GitHub', icon: 'mdi-github', hosts: ['github.com'] },
} as const satisfies Record<string, { label: string; icon: string; hosts: readonly string[] }>;
export type SocialNetwork = keyof typeof SOCIAL_NETWORKS | 'other';

/** Icon of a link to a network we do not recognise. */
export const OTHER_LINK_ICON = 'mdi-link-variant';

const hostIs = (hostname: string, domain: string): boolean => hostname === domain || hostname.endsWith(`.${domain}`);

/** Which network a social link points to (`other` for any other site), and the icon to show. */
export function recogniseSocialLink(url: string): { network: SocialNetwork; label: string; icon: string } {
  const parsed = parseWebUrl(url.trim(), ['https:', 'http:']);
  const hostname = parsed?.hostname.toLowerCase() ?? '';
  for (const [network, info] of Object.entries(SOCIAL_NETWORKS)) {
    if (info.hosts.some((domain) => hostIs(hostname, domain))) {
      return { network: network as keyof typeof SOCIAL_NETWORKS, label: info.label, icon: info.icon };
    }
  }
  return { network: 'other', label: hostname.replace(/^www\./, ''), icon: OTHER_LINK_ICON };
}

/** A video link as the stand shows it: an embedded player for YouTube and Vimeo, a plain link otherwise. */
export type RecognisedVideo =
  | { provider: 'youtube'; id: string; embedUrl: string }
  | { provider: 'vimeo'; id: string; embedUrl: string }
  | { provider: 'other'; url: string };

const YOUTUBE_ID = /^[A-Za-z0-9_-]{11}$/;

/** Recognises YouTube (watch, youtu.be, embed, shorts, live) and Vimeo links; null for a non-https address. */
export function recogniseVideoLink(url: string): RecognisedVideo | null {
  const parsed = parseWebUrl(url.trim(), ['https:']);
  if (!parsed) return null;
  const host = parsed.hostname.toLowerCase();
  const segments = parsed.pathname.split('/').filter((s) => s !== '');
  let youtubeId: string | null = null;
  if (hostIs(host, 'youtu.be')) youtubeId = segments[0] ?? null;
  else if (hostIs(host, 'youtube.com') || hostIs(host, 'youtube-nocookie.com')) {
    if (segments[0] === 'watch') youtubeId = parsed.searchParams.get('v');
    else if (segments[0] === 'embed' || segments[0] === 'shorts' || segments[0] === 'live' || segments[0] === 'v') youtubeId = segments[1] ?? null;
  }
  if (youtubeId !== null && YOUTUBE_ID.test(youtubeId)) {
    // The no-cookie player: candidates are not tracked by merely opening a stand.
    return { provider: 'youtube', id: youtubeId, embedUrl: `https://www.youtube-nocookie.com/embed/${youtubeId}` };
  }
  if (hostIs(host, 'vimeo.com')) {
    const id = host === 'player.vimeo.com' && segments[0] === 'video' ? segments[1] : segments.find((s) => /^\d+$/.test(s));
    if (id !== undefined && /^\d+$/.test(id)) return { provider: 'vimeo', id, embedUrl: `https://player.vimeo.com/video/${id}` };
  }
  return { provider: 'other', url: parsed.toString() };
}

/** The fields of a stand the employer edits (the same on the form, in the outbox and on the server). */
export const StandFields = z.object({
  /** The employer's own label for the stand ("Almaty, spring"); never shown to candidates. */
  internalName: required('internal name', STAND_LIMITS.internalName, 'Give the stand a name you will recognise it by.'),
  /** The company the stand presents (one of the employer's companies). */
  companyId: z.string().uuid('Choose the company this stand presents.'),
  /** Full company name as candidates read it. */
  companyName: required('company name', STAND_LIMITS.companyName, 'Enter the full company name.'),
  address: text('address', STAND_LIMITS.address),
  website: optionalWebUrl('website'),
  companyInfo: text('company information', STAND_LIMITS.companyInfo),
  /** Short kind of activity, shown under the name in the fair's employer list. */
  activity: required('kind of activity', STAND_LIMITS.activity, 'Say in a few words what the company does (shown under its name).'),
  advantages: text('advantages', STAND_LIMITS.advantages),
  slogan: text('slogan', STAND_LIMITS.slogan),
  socialLinks: z
    .array(webUrl('social link', { httpsOnly: true }))
    .max(STAND_LIMITS.socialLinks, `At most ${STAND_LIMITS.socialLinks} social links per stand.`)
    .refine((links) => new Set(links.map((l) => l.toLowerCase())).size === links.length, 'The same social link is listed twice.'),
  /** Upload id of the logo (jpg/jpeg/png), or null for none. */
  logoUploadId: UploadId.nullable(),
  bannerUploadIds: uploadList('banners', STAND_LIMITS.banners),
  posterUploadIds: uploadList('posters', STAND_LIMITS.posters),
  brochureUploadIds: uploadList('brochures', STAND_LIMITS.brochures),
  /** A video about the company: https only; YouTube and Vimeo links play embedded. */
  videoUrl: optionalWebUrl('video link', { httpsOnly: true }),
});
export type StandFields = z.output<typeof StandFields>;
export type StandFieldsInput = z.input<typeof StandFields>;

/** The company profile fields a new stand starts from. */
export type StandCompanySource = Pick<CompanyDto, 'id' | 'legalName' | 'address' | 'website' | 'info'>;

const clip = (value: string, max: number): string => {
  const trimmed = value.trim();
  return trimmed.length <= max ? trimmed : trimmed.slice(0, max).trimEnd();
};

/**
 * A new stand pre-filled from the company profile (SPEC: "company information (pre-filled)").
 * Values are clipped to the stand's limits and a website without a scheme gets `https://`, so the
 * draft the form opens with never starts out invalid because of the profile; a website that is
 * still not a usable address is left empty for the employer to fill in. `activity` stays empty on
 * purpose: only the employer can say it.
 */
export function prefillStandFromCompany(company: StandCompanySource, internalName?: string): StandFields {
  const website = normaliseWebUrl(company.website);
  return {
    internalName: clip(internalName ?? company.legalName, STAND_LIMITS.internalName),
    companyId: company.id,
    companyName: clip(company.legalName, STAND_LIMITS.companyName),
    address: clip(company.address, STAND_LIMITS.address),
    website: website.length <= 2048 && parseWebUrl(website, ['http:', 'https:']) ? website : '',
    companyInfo: clip(company.info, STAND_LIMITS.companyInfo),
    activity: '',
    advantages: '',
    slogan: '',
    socialLinks: [],
    logoUploadId: null,
    bannerUploadIds: [],
    posterUploadIds: [],
    brochureUploadIds: [],
    videoUrl: '',
  };
}

/** Every upload a stand refers to, logo first (what a client caches for an offline preview). */
export function standUploadIds(stand: Pick<StandFields, 'logoUploadId' | 'bannerUploadIds' | 'posterUploadIds' | 'brochureUploadIds'>): string[] {
  const ids = [stand.logoUploadId, ...stand.bannerUploadIds, ...stand.posterUploadIds, ...stand.brochureUploadIds];
  return [...new Set(ids.filter((id): id is string => id !== null))];
}
