import { describe, expect, it } from 'vitest';
import type { CentreDto, FairDto } from '../../../shared/domain/records';
import { approvalFairChoices, preApplicationFairChoices } from './fairChoices';

const almaty: CentreDto = {
  id: '0b7d1a52-2a8e-4c39-9b1a-0d8a1f6b2c01',
  name: 'Almaty City Career Centre',
  region: 'Almaty',
  timeZone: 'Asia/Almaty',
  holidays: [],
};

function fair(id: string, startsOn: string, endsOn = startsOn): FairDto {
  return {
    id: `0b7d1a52-2a8e-4c39-9b1a-0d8a1f6b2c${id}`,
    centreId: almaty.id,
    title: `Fair ${id}`,
    region: 'Almaty',
    city: 'Almaty',
    startsOn,
    endsOn,
    description: '',
    updatedAt: 0,
    version: 1,
  };
}

/** Wednesday 2031-10-01, noon in Almaty (UTC+5). */
const now = Date.UTC(2031, 9, 1, 7, 0, 0);

describe('fair choices', () => {
  it('offers upcoming fairs soonest first with their last day, disabled once it has passed', () => {
    // A fair on Monday 6 October: the last day is Wednesday 1 October (today) — still open.
    // A fair on Friday 3 October: the last day was Tuesday 30 September — closed.
    const choices = preApplicationFairChoices([fair('10', '2031-10-20'), fair('11', '2031-10-06'), fair('12', '2031-10-03'), fair('13', '2031-09-20')], [almaty], now);
    expect(choices.map((c) => [c.fair.startsOn, c.lastDay, c.open])).toEqual([
      ['2031-10-03', '2031-09-30', false],
      ['2031-10-06', '2031-10-01', true],
      ['2031-10-20', '2031-10-15', true],
    ]);
  });

  it('leaves the deadline to the server while the centre is not in the cache', () => {
    expect(preApplicationFairChoices([fair('10', '2031-10-03')], [], now)).toEqual([
      { fair: fair('10', '2031-10-03'), lastDay: null, open: true },
    ]);
  });

  it('lets a moderator assign only the own centre’s fairs that have not finished', () => {
    const other = { ...fair('14', '2031-10-20'), centreId: '0b7d1a52-2a8e-4c39-9b1a-0d8a1f6b2c99' };
    const running = fair('15', '2031-09-30', '2031-10-02');
    const choices = approvalFairChoices([fair('10', '2031-10-20'), other, running, fair('13', '2031-09-20')], almaty, almaty.id, now);
    expect(choices.map((f) => f.id)).toEqual([running.id, fair('10', '2031-10-20').id]);
  });
});
