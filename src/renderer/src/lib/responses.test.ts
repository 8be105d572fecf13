import { describe, expect, it } from 'vitest';
import { activityByParticipation, countBy, filterResponses, sortResponses, telHref, vacanciesOf } from './responses';

const base = {
  fairId: 'fair-1',
  participationId: 'p-1',
  vacancyId: 'v-1',
  vacancyTitle: 'Driver',
  candidateName: 'Aliya',
  candidateEmail: 'aliya@example.kz',
  candidatePhone: '+7 701 000 00 01',
  wantsVideoInterview: false,
  createdAt: 1000,
};
const rows = [
  { ...base, id: 'a' },
  { ...base, id: 'b', candidateName: 'Бауыржан', vacancyId: 'v-2', vacancyTitle: 'Accountant', wantsVideoInterview: true, createdAt: 3000 },
  { ...base, id: 'c', candidateName: 'erlan', fairId: 'fair-2', participationId: 'p-2', vacancyId: 'v-3', vacancyTitle: 'Loader', createdAt: 2000 },
];

describe('filterResponses', () => {
  it('narrows by fair, participation, vacancy and video wish', () => {
    expect(filterResponses(rows, { fairId: 'fair-1' }).map((r) => r.id)).toEqual(['a', 'b']);
    expect(filterResponses(rows, { participationId: 'p-2' }).map((r) => r.id)).toEqual(['c']);
    expect(filterResponses(rows, { vacancyId: 'v-2' }).map((r) => r.id)).toEqual(['b']);
    expect(filterResponses(rows, { videoOnly: true }).map((r) => r.id)).toEqual(['b']);
    expect(filterResponses(rows, { fairId: null, vacancyId: null, search: '  ' })).toHaveLength(3);
  });

  it('searches candidate name, e-mail, phone and vacancy title case-insensitively', () => {
    expect(filterResponses(rows, { search: 'БАУЫР' }).map((r) => r.id)).toEqual(['b']);
    expect(filterResponses(rows, { search: 'loader' }).map((r) => r.id)).toEqual(['c']);
    expect(filterResponses(rows, { search: 'ALIYA@' })).toHaveLength(3);
    expect(filterResponses(rows, { search: 'nobody' })).toEqual([]);
  });
});

describe('sortResponses', () => {
  it('orders newest, oldest, by candidate and by vacancy without changing the input', () => {
    expect(sortResponses(rows, 'newest').map((r) => r.id)).toEqual(['b', 'c', 'a']);
    expect(sortResponses(rows, 'oldest').map((r) => r.id)).toEqual(['a', 'c', 'b']);
    expect(sortResponses(rows, 'candidate', 'en').map((r) => r.candidateName)).toEqual(['Aliya', 'erlan', 'Бауыржан']);
    expect(sortResponses(rows, 'vacancy', 'en').map((r) => r.vacancyTitle)).toEqual(['Accountant', 'Driver', 'Loader']);
    expect(rows.map((r) => r.id)).toEqual(['a', 'b', 'c']);
  });
});

describe('counts', () => {
  it('counts responses and interests per participation info', () => {
    const activity = activityByParticipation(rows, [{ participationId: 'p-2' }, { participationId: 'p-3' }]);
    expect(activity.get('p-1')).toEqual({ responses: 2, videoWanted: 1, interests: 0 });
    expect(activity.get('p-2')).toEqual({ responses: 1, videoWanted: 0, interests: 1 });
    expect(activity.get('p-3')).toEqual({ responses: 0, videoWanted: 0, interests: 1 });
    expect(countBy(rows, (r) => r.fairId).get('fair-1')).toBe(2);
  });

  it('lists the vacancies responded to, by title, with counts', () => {
    expect(vacanciesOf([...rows, { ...base, id: 'd' }], 'en')).toEqual([
      { id: 'v-2', title: 'Accountant', count: 1 },
      { id: 'v-1', title: 'Driver', count: 2 },
      { id: 'v-3', title: 'Loader', count: 1 },
    ]);
  });
});

describe('telHref', () => {
  it('keeps digits and a leading plus only', () => {
    expect(telHref('+7 (701) 000-00-01')).toBe('tel:+77010000001');
    expect(telHref('n/a')).toBeNull();
  });
});
