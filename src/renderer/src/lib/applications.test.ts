import { describe, expect, it } from 'vitest';
import type { PreApplicationDto } from '../../../shared/domain/records';
import { applicationPeriod, countByStatus, filterApplications, inPeriod, matchesSearch, newestFirst } from './applications';

let counter = 0;
function application(overrides: Partial<PreApplicationDto>): PreApplicationDto {
  counter += 1;
  return {
    id: crypto.randomUUID(),
    number: `20310514-${counter}`,
    employerId: crypto.randomUUID(),
    companyId: crypto.randomUUID(),
    companyName: 'Company',
    centreId: crypto.randomUUID(),
    way: 2,
    fairId: crypto.randomUUID(),
    fairTitle: 'Spring fair',
    region: 'Almaty',
    desiredFrom: null,
    desiredTo: null,
    companyInfo: '',
    vacantPlaces: 3,
    professions: ['Driver'],
    contactName: 'A',
    contactPhone: '+7',
    contactEmail: 'a@b.kz',
    consentSalaryShown: true,
    consentChatDuringFair: true,
    wantsVideoInterviews: false,
    status: 'under_review',
    rejectionReason: null,
    decidedBy: null,
    decidedByName: null,
    decidedAt: null,
    version: counter,
    createdAt: counter,
    updatedAt: counter,
    statusChangedAt: counter,
    ...overrides,
  };
}

const logistics = application({ companyName: 'KazLogistics LLP', number: '20310514-1' });
const retail = application({ companyName: 'KazLogistics Retail LLP', number: '20310514-2', status: 'approved' });
const foods = application({ companyName: 'Steppe Foods JSC', number: '20310515-1', status: 'rejected' });
const all = [logistics, retail, foods];

describe('applications filters', () => {
  it('searches company names case-insensitively and numbers by any part', () => {
    expect(matchesSearch(logistics, '  kazlog ')).toBe(true);
    expect(matchesSearch(foods, '0515')).toBe(true);
    expect(matchesSearch(foods, 'kaz')).toBe(false);
    expect(matchesSearch(foods, '')).toBe(true);
  });

  it('filters by status and search together', () => {
    expect(filterApplications(all, 'under_review', '')).toEqual([logistics]);
    expect(filterApplications(all, 'all', 'kazlogistics')).toEqual([logistics, retail]);
    expect(filterApplications(all, 'approved', 'steppe')).toEqual([]);
  });

  it('keeps pinned rows (just decided, or with a change waiting) under any status filter', () => {
    expect(filterApplications(all, 'under_review', '', new Set([retail.id]))).toEqual([logistics, retail]);
    // The search still applies to pinned rows.
    expect(filterApplications(all, 'under_review', 'steppe', new Set([retail.id]))).toEqual([]);
  });

  it('counts per status within the current search', () => {
    expect(countByStatus(all, '')).toEqual({ under_review: 1, approved: 1, rejected: 1, withdrawn: 0, all: 3 });
    expect(countByStatus(all, 'kaz')).toEqual({ under_review: 1, approved: 1, rejected: 0, withdrawn: 0, all: 2 });
  });

  it('orders newest first without mutating the input', () => {
    const input = [logistics, foods, retail];
    expect(newestFirst(input).map((a) => a.companyName)).toEqual([
      'Steppe Foods JSC',
      'KazLogistics Retail LLP',
      'KazLogistics LLP',
    ]);
    expect(input[0]).toBe(logistics);
  });
});

describe('period filter', () => {
  const fairDates = new Map([['fair-1', { startsOn: '2026-12-14', endsOn: '2026-12-14' }]]);
  const wayTwo = { fairId: 'fair-1', desiredFrom: null, desiredTo: null };
  const wayOne = { fairId: null, desiredFrom: '2026-12-01', desiredTo: '2026-12-31' };

  it('uses the fair dates for an application with a fair, the desired period otherwise', () => {
    expect(applicationPeriod(wayTwo, fairDates)).toEqual({ from: '2026-12-14', to: '2026-12-14' });
    expect(applicationPeriod(wayOne, fairDates)).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(applicationPeriod({ fairId: 'unknown', desiredFrom: null, desiredTo: null }, fairDates)).toBeNull();
  });

  it('keeps applications whose period overlaps, with either end open', () => {
    expect(inPeriod(wayTwo, { from: '2026-12-10', to: '2026-12-20' }, fairDates)).toBe(true);
    expect(inPeriod(wayTwo, { from: '2026-12-15', to: null }, fairDates)).toBe(false);
    expect(inPeriod(wayTwo, { from: null, to: '2026-12-13' }, fairDates)).toBe(false);
    expect(inPeriod(wayOne, { from: '2026-12-31', to: '2027-01-05' }, fairDates)).toBe(true);
    expect(inPeriod(wayOne, { from: null, to: null }, fairDates)).toBe(true);
    expect(inPeriod({ fairId: null, desiredFrom: null, desiredTo: null }, { from: '2026-12-01', to: null }, fairDates)).toBe(false);
  });
});
