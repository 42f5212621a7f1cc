import { describe, expect, it } from 'vitest';
import { datePartProblem, dateProblems } from './dates.js';

describe('datePartProblem', () => {
  it.each([
    ['2014', 'year'],
    ['2016-08', 'month'],
    ['2019-11-24', 'day'],
    ['2020-02-29', 'day'], // leap year
    ['2000-02-29', 'day'], // divisible by 400
  ] as const)('accepts %s as a %s', (value, precision) => {
    expect(datePartProblem(value, precision)).toBeNull();
  });

  it.each([
    ['2019-02-30', 'day', 'is not a day: 2019-02 has 28 days'],
    ['2019-02-29', 'day', 'has 28 days'],
    ['1900-02-29', 'day', 'has 28 days'], // divisible by 100, not by 400
    ['2019-04-31', 'day', 'has 30 days'],
    ['2019-13', 'month', 'has no month 13'],
    ['2019-00', 'month', 'has no month 00'],
    ['2019-00-10', 'day', 'has no month 00'],
    ['2019-01-00', 'day', 'is not a day'],
    ['2014-01', 'year', 'does not match precision year'],
    ['2014', 'month', 'does not match precision month'],
    ['14', 'year', 'does not match precision year'],
    ['2014-1-5', 'day', 'does not match precision day'],
    ['2014-01-01T00:00', 'day', 'does not match precision day'],
  ] as const)('rejects %s as a %s', (value, precision, problem) => {
    expect(datePartProblem(value, precision)).toContain(problem);
  });
});

describe('dateProblems', () => {
  it('accepts a range in order, and a range of one', () => {
    expect(dateProblems({ start: '2017', end: '2018', precision: 'year' })).toEqual([]);
    expect(dateProblems({ start: '2017-05', end: '2017-05', precision: 'month' })).toEqual([]);
  });

  it('rejects a range that runs backwards', () => {
    expect(dateProblems({ start: '2018', end: '2017', precision: 'year' })).toEqual([
      'date end "2017" is before start "2018"',
    ]);
  });

  it('reports both ends', () => {
    expect(dateProblems({ start: '2019-02-30', end: '2019-13-01', precision: 'day' })).toHaveLength(2);
  });
});
