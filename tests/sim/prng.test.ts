import { describe, expect, it } from 'vitest';
import { planFingerprint, planOperations } from './operations';
import { Prng } from './prng';
import { ACTORS } from './world';

describe('simulation plan', () => {
  it('is the same for the same seed and differs for another', () => {
    const a = planOperations(new Prng(42).fork('plan'), ACTORS, 200);
    const b = planOperations(new Prng(42).fork('plan'), ACTORS, 200);
    const c = planOperations(new Prng(43).fork('plan'), ACTORS, 200);
    expect(a).toEqual(b);
    expect(planFingerprint(a)).toBe(planFingerprint(b));
    expect(planFingerprint(a)).not.toBe(planFingerprint(c));
  });

  it('draws uniformly enough and stays in range', () => {
    const prng = new Prng(7);
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 20_000; i += 1) {
      const x = prng.next();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      buckets[Math.floor(x * 10)] = (buckets[Math.floor(x * 10)] ?? 0) + 1;
    }
    for (const n of buckets) expect(Math.abs(n - 2_000)).toBeLessThan(250);
  });

  it('gives every actor kind only its own operations', () => {
    const plan = planOperations(new Prng(1), ACTORS, 500);
    const kindOf = new Map(ACTORS.map((a) => [a.label, a.kind]));
    for (const op of plan) {
      if (kindOf.get(op.actor) === 'employer') expect(['decide', 'contest', 'createFair', 'updateFair']).not.toContain(op.kind);
      else expect(['createPreApplication', 'withdraw']).not.toContain(op.kind);
    }
  });
});
