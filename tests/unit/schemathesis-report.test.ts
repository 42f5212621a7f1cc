// The reading of schemathesis's reports decides whether the API fuzzing test passes, so it is tested
// on the shapes schemathesis 4.32 writes (taken from real runs; paths shortened).
import { describe, expect, it } from 'vitest';
import { casesPerOperation, isGenerationCrash, junitErrors } from '../support/schemathesis.js';

const site = '/usr/lib/python3.11/site-packages';

const checkCrash = `Runtime Error

'no such key'

    Traceback (most recent call last):
      File "${site}/hypothesis/core.py", line 1102, in _execute_once_for_engine
        result = self.execute_once(data)
      File "${site}/schemathesis/engine/run/unit/_case.py", line 90, in run_one_case
        _do_call_and_validate(
      File "${site}/schemathesis/engine/_validate.py", line 47, in validate_response
        failures = run_checks(
                   ^^^^^^^^^^^
      File "${site}/schemathesis/checks.py", line 507, in run_checks
        skip_check = check(ctx, response, case)
                     ^^^^^^^^^^^^^^^^^^^^^^^^^^
      File "${site}/schemathesis/specs/openapi/checks.py", line 210, in response_schema_conformance
        return body["no such key"]["x"]
               ~~~~^^^^^^^^^^^^^^^
    KeyError: 'no such key'`;

const generationCrash = `Runtime Error

error return without exception set

    Traceback (most recent call last):
      File "${site}/schemathesis/generation/hypothesis/builder.py", line 311, in test_function
        case = data.draw(strategy)
      File "${site}/hypothesis/internal/conjecture/data.py", line 1020, in draw
        return strategy.do_draw(self)
      File "${site}/hypothesis/strategies/_internal/regex.py", line 480, in do_draw
        compiled = re.compile(pattern)
    SystemError: error return without exception set`;

describe('isGenerationCrash', () => {
  it("takes a SystemError inside Hypothesis's generation for the tool's own crash", () => {
    expect(isGenerationCrash(generationCrash)).toBe(true);
  });

  it('counts a check that crashes on a response as a finding, Hypothesis frames or not', () => {
    expect(isGenerationCrash(checkCrash)).toBe(false);
    expect(isGenerationCrash(checkCrash.replace(/\n.*hypothesis\/core\.py.*\n.*\n/, '\n'))).toBe(false);
    // A SystemError, but raised while checking an answer: a finding as well.
    expect(isGenerationCrash(checkCrash.replaceAll('KeyError', 'SystemError'))).toBe(false);
  });

  it('counts other exceptions, other titles and errors without a traceback as findings', () => {
    expect(isGenerationCrash(generationCrash.replaceAll('SystemError', 'ValueError'))).toBe(false);
    expect(isGenerationCrash(generationCrash.replace('Runtime Error', 'Network Error'))).toBe(false);
    expect(isGenerationCrash('Runtime Error\n\nSystemError: hypothesis')).toBe(false);
    expect(isGenerationCrash('Network Error\n\nConnection refused')).toBe(false);
  });
});

describe('junitErrors', () => {
  it('unescapes what the XML escaped', () => {
    const junit = `<testcase name="GET /api/x"><error type="error">Runtime Error

    Traceback (most recent call last):
      File "${site}/x.py", line 1, in &lt;lambda&gt;
    KeyError: &apos;a &amp; b&apos;</error></testcase>`;
    expect(junitErrors(junit)).toEqual([
      `Runtime Error\n\n    Traceback (most recent call last):\n      File "${site}/x.py", line 1, in <lambda>\n    KeyError: 'a & b'`,
    ]);
  });
});

describe('casesPerOperation', () => {
  it('adds up the requests sent for each operation over the phases', () => {
    const scenario = (phase: string, label: string, interactions: number) =>
      JSON.stringify({
        ScenarioFinished: {
          phase,
          recorder: {
            label,
            interactions: Object.fromEntries(Array.from({ length: interactions }, (_, i) => [`c${i}`, {}])),
          },
        },
      });
    const ndjson = [
      JSON.stringify({ LoadingFinished: { statistic: { operations: { total: 18, selected: 2 } } } }),
      JSON.stringify({ ScenarioFinished: { phase: 'examples', recorder: { label: 'GET /api/search' } } }),
      scenario('coverage', 'GET /api/search', 21),
      scenario('fuzzing', 'GET /api/search', 5),
      scenario('fuzzing', 'GET /api/health', 1),
      '',
    ].join('\n');
    expect(Object.fromEntries(casesPerOperation(ndjson))).toEqual({
      'GET /api/search': 26,
      'GET /api/health': 1,
    });
  });
});
