/**
 * A tiny seeded PRNG (mulberry32) for reproducible property tests and simulations: the same seed
 * gives the same sequence on every machine.
 */
export class Prng {
  private state: number;

  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick() from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** A printable-ish random string (includes quotes, backslashes, unicode and control characters). */
  string(maxLength: number): string {
    const alphabet = ['a', 'Z', '0', '"', '\\', '{', '}', '[', ']', ',', ':', ' ', '\n', '\u0000', 'é', 'Ж', '😀', '.', '-', '%'];
    let s = '';
    const n = this.int(0, maxLength);
    for (let i = 0; i < n; i++) s += this.pick(alphabet);
    return s;
  }
}
