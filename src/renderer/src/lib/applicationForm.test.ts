import { describe, expect, it } from 'vitest';
import type { CompanyDto } from '../../../shared/domain/records';
import {
  createInputOf,
  newApplicationDraft,
  splitProfessions,
  validateApplicationDraft,
  type ApplicationDraft,
  type ApplicationRules,
} from './applicationForm';

const company: CompanyDto = {
  id: '6f1c1a52-2a8e-4c39-9b1a-0d8a1f6b2c01',
  employerId: '6f1c1a52-2a8e-4c39-9b1a-0d8a1f6b2c02',
  legalName: 'KazLogistics LLP',
  bin: '120340011223',
  address: 'Almaty',
  website: 'https://kazlogistics.demo',
  info: 'Freight and warehousing across Kazakhstan.',
  verified: true,
};
const fairId = '6f1c1a52-2a8e-4c39-9b1a-0d8a1f6b2c03';
const rules: ApplicationRules = { today: '2031-05-01', fairOpen: (id) => id === fairId };

function validDraft(): ApplicationDraft {
  return {
    ...newApplicationDraft({ displayName: 'Dana Omarova', email: 'admin@kazlogistics.demo' }, [company]),
    fairId,
    vacantPlaces: '12',
    professions: ['Truck driver'],
    contactPhone: '+7 701 234 56 78',
    consentSalaryShown: true,
    consentChatDuringFair: true,
  };
}

describe('new application form', () => {
  it('pre-fills the contact person from the user and the only company with its information', () => {
    const draft = newApplicationDraft({ displayName: 'Dana Omarova', email: 'admin@kazlogistics.demo' }, [company]);
    expect(draft).toMatchObject({
      companyId: company.id,
      companyInfo: company.info,
      contactName: 'Dana Omarova',
      contactEmail: 'admin@kazlogistics.demo',
      way: 2,
    });
    expect(newApplicationDraft(null, [company, { ...company, id: fairId }]).companyId).toBeNull();
  });

  it('accepts a complete way-2 draft and turns it into the core’s input', () => {
    expect(validateApplicationDraft(validDraft(), rules)).toEqual({});
    expect(createInputOf(validDraft())).toMatchObject({
      way: 2,
      fairId,
      centreId: null,
      desiredFrom: null,
      vacantPlaces: 12,
      consentSalaryShown: true,
      consentChatDuringFair: true,
    });
  });

  it('requires both consents and refuses a fair past its deadline', () => {
    const errors = validateApplicationDraft(
      { ...validDraft(), consentSalaryShown: false, consentChatDuringFair: false, fairId: company.id },
      rules,
    );
    expect(errors).toEqual({ consentSalaryShown: 'consentRequired', consentChatDuringFair: 'consentRequired', fairId: 'fairClosed' });
  });

  it('checks way 1’s region and period, and drops way 2’s fair from the input', () => {
    const way1 = { ...validDraft(), way: 1 as const };
    expect(validateApplicationDraft(way1, rules)).toEqual({ centreId: 'required', desiredFrom: 'required', desiredTo: 'required' });
    const dated = { ...way1, centreId: company.id, desiredFrom: '2031-06-10', desiredTo: '2031-06-01' };
    expect(validateApplicationDraft(dated, rules)).toEqual({ desiredTo: 'endBeforeStart' });
    expect(validateApplicationDraft({ ...dated, desiredFrom: '2031-04-01' }, rules)).toEqual({ desiredFrom: 'inPast' });
    const input = createInputOf({ ...dated, desiredTo: '2031-06-30' });
    expect(input).toMatchObject({ way: 1, centreId: company.id, fairId: null, desiredFrom: '2031-06-10', desiredTo: '2031-06-30' });
  });

  it('refuses places outside 1–10,000, bad contacts and no professions', () => {
    const errors = validateApplicationDraft(
      { ...validDraft(), vacantPlaces: '0', contactEmail: 'dana@', contactPhone: '12', professions: [' , '] },
      rules,
    );
    expect(errors).toEqual({ vacantPlaces: 'badNumber', contactEmail: 'badEmail', contactPhone: 'badPhone', professions: 'required' });
    expect(validateApplicationDraft({ ...validDraft(), vacantPlaces: '2.5' }, rules).vacantPlaces).toBe('badNumber');
  });

  it('splits a pasted comma list of professions and drops repeats', () => {
    expect(splitProfessions(['Driver, warehouse operator;  Cook', 'driver', ' '])).toEqual(['Driver', 'warehouse operator', 'Cook']);
  });
});
