/** Sum of counts that may be unknown (null, e.g. offline): null when any is unknown, 0 for none. */
export function sumKnown(values: readonly (number | null)[]): number | null {
  let sum = 0;
  for (const value of values) {
    if (value === null) return null;
    sum += value;
  }
  return sum;
}
