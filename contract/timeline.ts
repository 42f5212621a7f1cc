import { z } from 'zod';
import { dateRange } from './common.js';
import { defineRoute } from './route.js';

export const timelineItem = z
  .object({
    id: z.string().meta({ description: 'Entity id (an event) or edge id (a dated link).' }),
    itemType: z.enum(['entity', 'edge']),
    label: z.string(),
    kind: z.string().meta({ description: 'Entity kind or relationship type.' }),
    date: dateRange,
    entityIds: z.array(z.string()).meta({ description: 'Entities to focus when the item is chosen.' }),
    description: z.string().nullable(),
  })
  .meta({ id: 'TimelineItem' });
export type TimelineItemT = z.infer<typeof timelineItem>;

export const timelineResponse = z.object({ items: z.array(timelineItem) }).meta({ id: 'TimelineResponse' });
export type TimelineResponseT = z.infer<typeof timelineResponse>;

export const timelineRoute = defineRoute({
  method: 'get',
  path: '/timeline',
  operationId: 'getTimeline',
  tag: 'timeline',
  summary: 'Dated events and links in order, each with its precision',
  responses: { 200: { description: 'Oldest first.', schema: timelineResponse } },
});
