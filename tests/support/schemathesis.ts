// Reading schemathesis's reports (JUnit XML and NDJSON events) for tests/integration/schemathesis.test.ts.

const entities: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X'))
      return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    return entities[name] ?? whole;
  });
}

/** The text of every `<error>` of a JUnit report, unescaped. */
export function junitErrors(junit: string): string[] {
  return [...junit.matchAll(/<error[^>]*>([\s\S]*?)<\/error>/g)].map((m) => unescapeXml(m[1] ?? ''));
}

/**
 * Whether an error of the report is schemathesis crashing while it *generates* a case (seen: a
 * CPython SystemError raised inside Hypothesis for POST /api/stories), which says nothing about
 * Trove. Only that exact signature counts: a "Runtime Error" whose exception is a SystemError and
 * whose innermost frame is Hypothesis's, with no frame of the code that checks a response. Anything
 * else, a crash of a check on a malformed Trove answer included (it carries Hypothesis frames too
 * when it leaves a Hypothesis-driven test), is a finding.
 */
export function isGenerationCrash(error: string): boolean {
  const lines = error.split('\n');
  if (lines[0]?.trim() !== 'Runtime Error') return false;
  const frames = [...error.matchAll(/^\s*File "([^"]+)", line \d+, in /gm)];
  const innermost = frames.at(-1);
  if (!innermost) return false;
  // The exception's line is the first after the innermost frame at the indentation of "Traceback".
  const indent = /^( *)Traceback \(most recent call last\):/m.exec(error)?.[1] ?? '';
  const afterFrames = error.slice((innermost.index ?? 0) + innermost[0].length).split('\n');
  const exception = afterFrames
    .map((line) => new RegExp(`^${indent}([A-Za-z_][\\w.]*): `).exec(line)?.[1])
    .find((name) => name !== undefined);
  const checking = frames.some(([, file]) =>
    /\/schemathesis\/(checks\.py|engine\/_validate\.py|specs\/openapi\/checks\.py|openapi\/checks\.py)$/.test(
      file ?? '',
    ),
  );
  return exception === 'SystemError' && /\/hypothesis\//.test(innermost[1] ?? '') && !checking;
}

/** Requests actually sent per operation ("GET /api/search"), over every phase, from the NDJSON events. */
export function casesPerOperation(ndjson: string): Map<string, number> {
  const sent = new Map<string, number>();
  for (const line of ndjson.split('\n')) {
    if (!line.trim()) continue;
    const event = JSON.parse(line) as {
      ScenarioFinished?: { recorder?: { label?: string; interactions?: Record<string, unknown> } };
    };
    const recorder = event.ScenarioFinished?.recorder;
    if (!recorder?.label) continue;
    const count = Object.keys(recorder.interactions ?? {}).length;
    sent.set(recorder.label, (sent.get(recorder.label) ?? 0) + count);
  }
  return sent;
}
