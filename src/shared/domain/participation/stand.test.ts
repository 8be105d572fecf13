import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  OTHER_LINK_ICON,
  SOCIAL_NETWORKS,
  STAND_LIMITS,
  StandFields,
  prefillStandFromCompany,
  recogniseSocialLink,
  recogniseVideoLink,
  standUploadIds,
  type StandFields as Stand,
} from './stand';
import { normaliseWebUrl } from './urls';

const COMPANY = '11111111-1111-4111-8111-111111111111';
const IMG = (n: number) => `aaaaaaaa-aaaa-4aaa-8aaa-${String(n).padStart(12, '0')}`;
const company = { id: COMPANY, legalName: 'KazLogistics LLP', address: 'Almaty, Abay 10', website: 'kazlogistics.kz', info: 'Freight across Central Asia.' };
const valid = (): Stand => ({ ...prefillStandFromCompany(company), activity: 'Logistics and warehousing' });
const problems = (stand: unknown): Record<string, string> => {
  const r = StandFields.safeParse(stand);
  return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join('.'), i.message]));
};

describe('stand schema', () => {
  it('accepts a stand pre-filled from the company once the kind of activity is given', () => {
    expect(problems(valid())).toEqual({});
    expect(problems(prefillStandFromCompany(company))).toEqual({
      activity: 'Say in a few words what the company does (shown under its name).',
    });
  });

  it('requires the internal name and the company name, trimming blanks away', () => {
    expect(problems({ ...valid(), internalName: '   ', companyName: '' })).toEqual({
      internalName: 'Give the stand a name you will recognise it by.',
      companyName: 'Enter the full company name.',
    });
    expect(StandFields.parse({ ...valid(), slogan: '  Move with us  ' }).slogan).toBe('Move with us');
  });

  it('limits lengths with messages that say the limit', () => {
    expect(problems({ ...valid(), slogan: 'x'.repeat(STAND_LIMITS.slogan + 1) })).toEqual({ slogan: 'The slogan is too long (at most 200 characters).' });
    expect(problems({ ...valid(), activity: 'x'.repeat(121) }).activity).toMatch(/at most 120/);
  });

  it('accepts only http(s) websites with a real host', () => {
    for (const website of ['https://kazlogistics.kz', 'http://kazlogistics.kz/careers?x=1', '']) expect(problems({ ...valid(), website })).toEqual({});
    for (const website of ['javascript:alert(1)', 'ftp://kazlogistics.kz', 'kazlogistics.kz', 'https://intranet', 'https://user:pw@kazlogistics.kz', 'data:text/html,hi']) {
      expect(problems({ ...valid(), website })).toEqual({ website: 'Enter the website as a full web address starting with http:// or https://.' });
    }
  });

  it('takes social links as https only, at most 10, no duplicates', () => {
    expect(problems({ ...valid(), socialLinks: ['https://instagram.com/kazlog', 'https://t.me/kazlog'] })).toEqual({});
    expect(problems({ ...valid(), socialLinks: ['http://instagram.com/kazlog'] })).toEqual({
      'socialLinks.0': 'Enter the social link as a full web address starting with https://.',
    });
    const many = Array.from({ length: 11 }, (_, i) => `https://example${i}.kz`);
    expect(problems({ ...valid(), socialLinks: many })).toEqual({ socialLinks: 'At most 10 social links per stand.' });
    expect(problems({ ...valid(), socialLinks: ['https://t.me/a', 'https://T.me/a'] })).toEqual({ socialLinks: 'The same social link is listed twice.' });
  });

  it('takes images as upload ids with per-kind maximums and no repeats', () => {
    expect(problems({ ...valid(), logoUploadId: IMG(1), bannerUploadIds: [IMG(2)], posterUploadIds: [IMG(3)], brochureUploadIds: [IMG(4)] })).toEqual({});
    expect(problems({ ...valid(), bannerUploadIds: Array.from({ length: 6 }, (_, i) => IMG(i)) })).toEqual({ bannerUploadIds: 'At most 5 banners per stand.' });
    expect(problems({ ...valid(), posterUploadIds: [IMG(1), IMG(1)] })).toEqual({ posterUploadIds: 'The same image is among the posters twice.' });
    expect(problems({ ...valid(), logoUploadId: 'logo.png' })).toEqual({ logoUploadId: 'An image reference is damaged; upload the image again.' });
  });

  it('takes the video link as https only', () => {
    expect(problems({ ...valid(), videoUrl: 'https://youtu.be/dQw4w9WgXcQ' })).toEqual({});
    expect(problems({ ...valid(), videoUrl: 'http://youtu.be/dQw4w9WgXcQ' })).toEqual({
      videoUrl: 'Enter the video link as a full web address starting with https://.',
    });
  });

  it('lists every upload once, logo first', () => {
    expect(standUploadIds({ logoUploadId: IMG(1), bannerUploadIds: [IMG(2)], posterUploadIds: [IMG(2), IMG(3)], brochureUploadIds: [] })).toEqual([IMG(1), IMG(2), IMG(3)]);
    expect(standUploadIds({ logoUploadId: null, bannerUploadIds: [], posterUploadIds: [], brochureUploadIds: [] })).toEqual([]);
  });
});

describe('pre-fill from the company profile', () => {
  it('copies name, address, info; adds https:// to a bare website', () => {
    expect(prefillStandFromCompany(company)).toMatchObject({
      internalName: 'KazLogistics LLP',
      companyId: COMPANY,
      companyName: 'KazLogistics LLP',
      address: 'Almaty, Abay 10',
      website: 'https://kazlogistics.kz',
      companyInfo: 'Freight across Central Asia.',
      activity: '',
      socialLinks: [],
      logoUploadId: null,
    });
    expect(prefillStandFromCompany(company, 'Almaty, spring').internalName).toBe('Almaty, spring');
  });

  it('never starts out invalid because of the profile: long text is clipped, an unusable website dropped', () => {
    const stand = prefillStandFromCompany({ ...company, info: 'i'.repeat(9000), website: 'not a site', legalName: 'N'.repeat(400) });
    expect(stand.companyInfo).toHaveLength(STAND_LIMITS.companyInfo);
    expect(stand.companyName).toHaveLength(STAND_LIMITS.companyName);
    expect(stand.internalName).toHaveLength(STAND_LIMITS.internalName);
    expect(stand.website).toBe('');
    expect(problems({ ...stand, activity: 'Logistics' })).toEqual({});
  });

  it('normalises addresses as users type them', () => {
    expect(normaliseWebUrl(' kazlogistics.kz/jobs ')).toBe('https://kazlogistics.kz/jobs');
    expect(normaliseWebUrl('kazlogistics.kz:8080/jobs')).toBe('https://kazlogistics.kz:8080/jobs');
    expect(normaliseWebUrl('http://kazlogistics.kz')).toBe('http://kazlogistics.kz');
    expect(normaliseWebUrl('ftp://kazlogistics.kz')).toBe('ftp://kazlogistics.kz');
    expect(normaliseWebUrl('  ')).toBe('');
  });
});

describe('social links', () => {
  it.each([
    ['https://www.instagram.com/kazlog', 'instagram'],
    ['https://m.facebook.com/kazlog', 'facebook'],
    ['https://kz.linkedin.com/company/kazlog', 'linkedin'],
    ['https://t.me/kazlog', 'telegram'],
    ['https://wa.me/77011234567', 'whatsapp'],
    ['https://x.com/kazlog', 'x'],
    ['https://twitter.com/kazlog', 'x'],
    ['https://vk.com/kazlog', 'vk'],
    ['https://www.tiktok.com/@kazlog', 'tiktok'],
    ['https://youtube.com/@kazlog', 'youtube'],
  ])('%s → %s', (url, network) => {
    expect(recogniseSocialLink(url).network).toBe(network);
  });

  it('does not take look-alike hosts for a network', () => {
    expect(recogniseSocialLink('https://notinstagram.com/x')).toEqual({ network: 'other', label: 'notinstagram.com', icon: OTHER_LINK_ICON });
    expect(recogniseSocialLink('https://instagram.com.evil.kz/x').network).toBe('other');
    expect(recogniseSocialLink('https://www.kazlogistics.kz').label).toBe('kazlogistics.kz');
  });

  it('names icons that exist in the icon font the clients ship', () => {
    const css = readFileSync(join(__dirname, '../../../../node_modules/@mdi/font/css/materialdesignicons.css'), 'utf8');
    for (const icon of [...Object.values(SOCIAL_NETWORKS).map((n) => n.icon), OTHER_LINK_ICON]) {
      expect(css, icon).toContain(`.${icon}::before`);
    }
  });
});

describe('video links', () => {
  const yt = { provider: 'youtube', id: 'dQw4w9WgXcQ', embedUrl: 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ' };
  it.each([
    'https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42',
    'https://youtu.be/dQw4w9WgXcQ?si=abc',
    'https://m.youtube.com/watch?v=dQw4w9WgXcQ',
    'https://www.youtube.com/embed/dQw4w9WgXcQ',
    'https://youtube.com/shorts/dQw4w9WgXcQ',
    'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ',
  ])('recognises YouTube: %s', (url) => {
    expect(recogniseVideoLink(url)).toEqual(yt);
  });

  it('recognises Vimeo', () => {
    const vimeo = { provider: 'vimeo', id: '76979871', embedUrl: 'https://player.vimeo.com/video/76979871' };
    expect(recogniseVideoLink('https://vimeo.com/76979871')).toEqual(vimeo);
    expect(recogniseVideoLink('https://player.vimeo.com/video/76979871?h=1')).toEqual(vimeo);
    expect(recogniseVideoLink('https://vimeo.com/channels/staffpicks/76979871')).toEqual(vimeo);
  });

  it('keeps other https videos as plain links, refuses non-https and malformed YouTube ids', () => {
    expect(recogniseVideoLink('https://rutube.ru/video/abc/')).toEqual({ provider: 'other', url: 'https://rutube.ru/video/abc/' });
    expect(recogniseVideoLink('https://www.youtube.com/watch?v=<script>')).toEqual({ provider: 'other', url: 'https://www.youtube.com/watch?v=%3Cscript%3E' });
    expect(recogniseVideoLink('http://youtu.be/dQw4w9WgXcQ')).toBeNull();
    expect(recogniseVideoLink('javascript:alert(1)')).toBeNull();
  });
});
