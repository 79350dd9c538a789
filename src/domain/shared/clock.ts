/** The only way domain code learns the time: passed in, so that tests and replays control it. */
export interface Clock {
  now(): Date;
}

export function fixedClock(instant: Date | string): Clock {
  const at = new Date(instant);
  return { now: () => new Date(at) };
}
