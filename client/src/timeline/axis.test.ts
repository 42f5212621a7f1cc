import { describe, expect, it } from 'vitest';
import { axisOf, percent, precisionText, spanOf } from './axis.js';

describe('timeline axis', () => {
  it('draws a year as the whole year, not its first day', () => {
    expect(spanOf({ start: '2014', end: null, precision: 'year' })).toEqual({ start: 2014, end: 2015 });
  });
  it('draws "2017 to 2018" as a range through the end of 2018', () => {
    const span = spanOf({ start: '2017', end: '2018', precision: 'year' });
    expect(span).toEqual({ start: 2017, end: 2019 });
    expect(precisionText({ start: '2017', end: '2018', precision: 'year' })).toMatch(
      /range from 2017 to 2018/,
    );
  });
  it('draws a month as a twelfth of its year and a day as one day', () => {
    const month = spanOf({ start: '2016-08', end: null, precision: 'month' });
    expect(month.start).toBeCloseTo(2016 + 7 / 12);
    expect(month.end).toBeCloseTo(2016 + 8 / 12);
    const day = spanOf({ start: '2019-11-24', end: null, precision: 'day' });
    expect(day.end - day.start).toBeCloseTo(1 / 30 / 12);
  });
  it('spans whole years around every item', () => {
    const axis = axisOf([
      { start: 2014, end: 2015 },
      { start: 2017, end: 2019 },
    ]);
    expect(axis).toEqual({ from: 2014, to: 2019, years: [2014, 2015, 2016, 2017, 2018] });
    expect(percent(2016.5, axis)).toBeCloseTo(50);
  });
});
