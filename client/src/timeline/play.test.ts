import { describe, expect, it } from 'vitest';
import { edgeTime, monthSteps, passesUntil, timeState, untilText } from './play.js';

const year = (start: string, end: string | null = null) => ({ start, end, precision: 'year' as const });

describe('the playhead', () => {
  it('treats a year as the whole year: begun in March, not over until December', () => {
    expect(timeState(year('2014'), '2013-12')).toBe('future');
    expect(timeState(year('2014'), '2014-01')).toBe('during');
    expect(timeState(year('2014'), '2014-11')).toBe('during');
    expect(timeState(year('2014'), '2014-12')).toBe('past');
  });

  it('treats a range as a bar from its first period to the end of its last', () => {
    expect(timeState(year('2017', '2018'), '2018-06')).toBe('during');
    expect(timeState(year('2017', '2018'), '2019-01')).toBe('past');
  });

  it('never fakes an undated item to a date: it is set apart, and shown', () => {
    expect(timeState(null, '2014-01')).toBe('undated');
    expect(passesUntil(null, '2014-01')).toBe(true);
    expect(passesUntil({ start: '2019-11-24', end: null }, '2019-10')).toBe(false);
    expect(passesUntil({ start: '2019-11-24', end: null }, null)).toBe(true);
  });

  it('dates a link by its claims’ own dates when they have them, the earliest first', () => {
    const edge = {
      date: year('2014'),
      evidence: [
        { sourceId: 's', start: 0, end: 1, quote: 'x', date: year('2019') },
        {
          sourceId: 's',
          start: 2,
          end: 3,
          quote: 'y',
          date: { start: '2016-08', end: null, precision: 'month' as const },
        },
      ],
    };
    expect(edgeTime(edge)?.start).toBe('2016-08');
    expect(edgeTime({ ...edge, evidence: [{ sourceId: 's', start: 0, end: 1, quote: 'x' }] })?.start).toBe(
      '2014',
    );
  });

  it('steps month by month and says a month in words', () => {
    expect(monthSteps(2014, 2015)).toHaveLength(12);
    expect(monthSteps(2014, 2016)[12]).toBe('2015-01');
    expect(untilText('2016-08')).toBe('August 2016');
    expect(untilText('2016')).toBe('2016');
  });
});
