import { describe, expect, it } from 'vitest';
import type { TimelineItemT } from '../stories/api.js';
import { timelineRows } from './rows.js';

const year = (start: string, end: string | null = null) => ({ start, end, precision: 'year' as const });
const item = (
  id: string,
  itemType: 'entity' | 'edge',
  entityIds: string[],
  date = year('2016'),
): TimelineItemT => ({ id, itemType, label: id, kind: 'x', date, entityIds, description: null });

describe('timeline rows', () => {
  it('tells an event and the dated links about it as one row, named after the event', () => {
    const rows = timelineRows([
      item('appointment', 'entity', ['appointment']),
      item('chen-appointed-to-xinjiang', 'edge', ['chen', 'xinjiang']),
      item('chen-subject-of-appointment', 'edge', ['chen', 'appointment']),
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.lead.id).toBe('appointment');
    expect(rows[0]?.entityIds.sort()).toEqual(['appointment', 'chen', 'xinjiang']);
  });

  it('keeps apart what happened at other dates or to other entities', () => {
    const rows = timelineRows([
      item('speech', 'entity', ['speech'], year('2014')),
      item('xi-gave-speech', 'edge', ['xi', 'speech'], year('2014')),
      item('appointment', 'entity', ['appointment']),
      item('investigation', 'entity', ['investigation'], year('2017', '2018')),
      item('wang-subject-of-investigation', 'edge', ['wang', 'investigation'], year('2017', '2018')),
      item('other-2016-link', 'edge', ['a', 'b']),
    ]);
    expect(rows.map((row) => row.lead.id)).toEqual([
      'speech',
      'appointment',
      'investigation',
      'other-2016-link',
    ]);
  });
});
