import { describe, expect, it } from 'vitest';
import { memoryPacer } from '../../../src/storage/shared-rate-limits.js';

/** The app's pace toward Teams (src/storage/shared-rate-limits.ts): slots one interval apart. */
describe('the pace of sends', () => {
  it('hands out one slot per interval, in the order asked', async () => {
    let now = 1_000;
    const pacer = memoryPacer({ key: 'test', intervalMs: 20 }, () => now);
    expect(await Promise.all([pacer.reserve(), pacer.reserve(), pacer.reserve()])).toEqual([0, 20, 40]);
    // 30 ms later the next free slot is 1,060: 30 ms away.
    now += 30;
    expect(await pacer.reserve()).toBe(30);
  });

  it('saves nothing up over a pause: no burst after it', async () => {
    let now = 0;
    const pacer = memoryPacer({ key: 'test', intervalMs: 20 }, () => now);
    await pacer.reserve();
    now += 10_000;
    expect([await pacer.reserve(), await pacer.reserve(), await pacer.reserve()]).toEqual([0, 20, 40]);
  });

  it('keeps whole milliseconds, rounding a fraction up (never faster than asked)', async () => {
    const now = 0;
    const pacer = memoryPacer({ key: 'test', intervalMs: 1000 / 7 }, () => now);
    expect([await pacer.reserve(), await pacer.reserve()]).toEqual([0, 143]);
  });
});
