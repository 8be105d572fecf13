/** Test helpers for "not answered yet" assertions (a sync held, a reply withheld). */

/** Tracks whether a promise has settled, without awaiting it (a rejection is kept for `done`). */
export function watch<T>(work: Promise<T>): { settled: () => boolean; done: Promise<T> } {
  let settled = false;
  const done = work.finally(() => {
    settled = true;
  });
  done.catch(() => undefined);
  return { settled: () => settled, done };
}

/** Lets every pending callback, timer and I/O completion run (a settled promise would show by then). */
export const aWhile = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 30));
