import { describe, expect, it } from 'vitest';
import { changedFairFields, emptyFairDraft, validateFairDraft, type FairDraft } from './fairForm';

const valid: FairDraft = {
  title: 'Almaty Autumn Job Fair',
  city: 'Almaty',
  startsOn: '2031-10-14',
  endsOn: '2031-10-15',
  description: '',
};

describe('fair form', () => {
  it('accepts a complete fair, including a one-day one', () => {
    expect(validateFairDraft(valid)).toEqual({});
    expect(validateFairDraft({ ...valid, endsOn: valid.startsOn })).toEqual({});
  });

  it('names every missing field of an empty draft', () => {
    expect(validateFairDraft(emptyFairDraft())).toEqual({
      title: 'required',
      city: 'required',
      startsOn: 'required',
      endsOn: 'required',
    });
    expect(validateFairDraft({ ...valid, title: '   ' }).title).toBe('required');
  });

  it('refuses an end before the start, and dates that do not exist', () => {
    expect(validateFairDraft({ ...valid, endsOn: '2031-10-13' })).toEqual({ endsOn: 'endBeforeStart' });
    expect(validateFairDraft({ ...valid, startsOn: '2031-02-30' }).startsOn).toBe('badDate');
  });

  it('keeps to the server’s length limits', () => {
    expect(validateFairDraft({ ...valid, title: 'x'.repeat(201) }).title).toBe('tooLong');
    expect(validateFairDraft({ ...valid, description: 'x'.repeat(5001) }).description).toBe('tooLong');
  });

  it('sends only the fields an edit changed', () => {
    expect(changedFairFields(valid, { ...valid, city: 'Almaty region' })).toEqual({ city: 'Almaty region' });
    expect(changedFairFields(valid, valid)).toEqual({});
  });
});
