import neo4j from 'neo4j-driver';

/**
 * Roughly how many bytes of JSON a result value becomes, counted only up to `limit`: the walk stops
 * as soon as the total passes it, so a list of five million numbers costs `limit / 8` steps, not five
 * million. Mapping and serialising such a value would hold the event loop for seconds; measuring it
 * first is what lets the console refuse it instead.
 */
export function approximateJsonSize(value: unknown, limit: number): number {
  let total = 0;
  // An explicit stack rather than recursion: a value nested thousands deep cannot overflow it.
  const stack: unknown[] = [value];
  while (stack.length > 0 && total <= limit) {
    const item = stack.pop();
    if (item === null || item === undefined || typeof item === 'boolean') total += 5;
    else if (typeof item === 'number' || typeof item === 'bigint') total += 6;
    else if (typeof item === 'string') total += item.length + 2;
    else if (typeof item !== 'object') total += 8;
    else if (neo4j.isInt(item)) total += 6;
    else if (item instanceof Uint8Array) total += Math.ceil(item.byteLength / 3) * 4 + 2;
    else if (Array.isArray(item)) {
      total += 2 + item.length;
      // Every item costs at least five bytes, so no more than this many can still fit: pushing only
      // those keeps a huge list from being copied onto the stack.
      const fitting = Math.min(item.length, Math.floor((limit - total) / 5) + 1);
      for (let i = fitting - 1; i >= 0; i--) stack.push(item[i]);
    } else if (item instanceof neo4j.types.Node) {
      total += 64 + item.labels.join('').length;
      stack.push(item.properties);
    } else if (item instanceof neo4j.types.Relationship) {
      total += 96 + item.type.length;
      stack.push(item.properties);
    } else if (item instanceof neo4j.types.Path) {
      stack.push(item.start);
      for (const segment of item.segments) stack.push(segment.relationship, segment.end);
    } else if (isTemporalOrPoint(item)) total += 32;
    else {
      for (const [key, entry] of Object.entries(item)) {
        total += key.length + 4;
        stack.push(entry);
      }
    }
  }
  return total;
}

function isTemporalOrPoint(value: object): boolean {
  return (
    neo4j.isDate(value) ||
    neo4j.isDateTime(value) ||
    neo4j.isLocalDateTime(value) ||
    neo4j.isTime(value) ||
    neo4j.isLocalTime(value) ||
    neo4j.isDuration(value) ||
    neo4j.isPoint(value)
  );
}
