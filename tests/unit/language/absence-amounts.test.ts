import { describe, expect, it } from 'vitest';
import { understandHours } from '../../../src/language/hours/understand-hours.js';

const TODAY = '2026-11-26';

describe('an absence’s amount across a day or a time of day', () => {
  it.each([
    ['training today 4h', 'training', 240],
    ['sick this morning 4h', 'sick', 240],
    ['krank heute 4h', 'sick', 240],
    ['malade ce matin 3h', 'sick', 180],
    ['formazione oggi 4 ore', 'training', 240],
  ])('"%s" is %s for %i minutes', (text, kind, minutes) => {
    expect(understandHours({ text, today: TODAY })).toMatchObject({
      kind: 'log',
      days: [{ date: TODAY, work: null, absence: { kind, minutes } }],
    });
  });

  it('keeps work and an absence of the same day apart', () => {
    expect(understandHours({ text: 'today 8h sick 2h', today: TODAY })).toMatchObject({
      kind: 'log',
      days: [{ date: TODAY, work: { minutes: 480 }, absence: { kind: 'sick', minutes: 120 } }],
    });
  });
});
