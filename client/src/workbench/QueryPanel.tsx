import { CypherEditor } from '@neo4j-cypher/react-codemirror';
import type { EditorApi } from '@neo4j-cypher/codemirror';
import type { EditorSupportSchema } from '@neo4j-cypher/editor-support';
import { closeCompletion } from '@codemirror/autocomplete';
import { Prec, type Extension } from '@codemirror/state';
import { Decoration, EditorView, keymap } from '@codemirror/view';
import '@neo4j-cypher/codemirror/css/cypher-codemirror.css';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTheme } from '../state/theme.js';
import { useView } from '../state/view.js';
import { runCypher } from './api.js';
import { cancelRun, startRun, useRun } from './run.js';

/** The query the "Try an example" button puts in the editor and runs: people and their organizations. */
export const EXAMPLE_QUERY = 'MATCH (p:Person)-[r]-(o:Organization) RETURN p, r, o LIMIT 25';

/** Labels, relationship types and property keys of the live database, for the editor's completion. */
const vocabularyQuery = `CALL db.labels() YIELD label RETURN 'label' AS what, label AS name
UNION ALL CALL db.relationshipTypes() YIELD relationshipType RETURN 'type' AS what, relationshipType AS name
UNION ALL CALL db.propertyKeys() YIELD propertyKey RETURN 'key' AS what, propertyKey AS name`;

function useEditorSchema(params: string): EditorSupportSchema {
  const [live, setLive] = useState<EditorSupportSchema>({});
  useEffect(() => {
    const controller = new AbortController();
    runCypher(vocabularyQuery, {}, controller.signal)
      .then(({ rows }) => {
        const of = (what: string) => rows.filter((row) => row[0] === what).map((row) => String(row[1]));
        setLive({
          labels: of('label').map((name) => `:${name}`),
          relationshipTypes: of('type').map((name) => `:${name}`),
          propertyKeys: of('key'),
        });
      })
      // Completion is a help; without it the editor still highlights and runs.
      .catch(() => undefined);
    return () => controller.abort();
  }, []);
  return useMemo(() => {
    let names: string[] = [];
    try {
      const parsed: unknown = JSON.parse(params || '{}');
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) names = Object.keys(parsed);
    } catch {
      // Half-typed JSON offers no parameter names yet.
    }
    return { ...live, parameters: names };
  }, [live, params]);
}

/** The JSON parameters as an object, or the reason they are not one. */
export function parseParams(text: string): { params: Record<string, unknown> } | { problem: string } {
  if (text.trim() === '') return { params: {} };
  try {
    const parsed: unknown = JSON.parse(text);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
      return { problem: 'Parameters must be a JSON object, such as {"id": "chen-quanguo"}.' };
    return { params: parsed as Record<string, unknown> };
  } catch (error) {
    return { problem: `Parameters are not valid JSON: ${error instanceof Error ? error.message : ''}` };
  }
}

/** Marks the error's place: the word at Neo4j's offset, and its whole line more faintly. */
function errorMarks(text: string, offset: number): Extension {
  const at = Math.max(0, Math.min(offset, text.length));
  const word = /^[\w$`]+/.exec(text.slice(at))?.[0].length ?? 0;
  const end = Math.min(text.length, at + Math.max(1, word));
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const ranges = [Decoration.line({ class: 'cm-error-line' }).range(lineStart)];
  if (end > at) ranges.push(Decoration.mark({ class: 'cm-error-mark' }).range(at, end));
  return EditorView.decorations.of(Decoration.set(ranges, true));
}

export function QueryPanel() {
  const cypher = useView((s) => s.workbench.cypher);
  const paramsText = useView((s) => s.workbench.params);
  const setWorkbench = useView((s) => s.setWorkbench);
  const run = useRun((s) => s.run);
  const history = useRun((s) => s.history);
  const theme = useTheme((s) => s.theme);
  const schema = useEditorSchema(paramsText);
  const [paramsProblem, setParamsProblem] = useState<string | null>(null);
  const editorRef = useRef<EditorApi | null>(null);
  const running = run.status === 'running';

  const execute = () => {
    const state = useView.getState().workbench;
    if (state.cypher.trim() === '') return;
    const parsed = parseParams(state.params);
    if ('problem' in parsed) {
      setParamsProblem(parsed.problem);
      return;
    }
    setParamsProblem(null);
    void startRun({ query: state.cypher, params: parsed.params, label: 'Query' }, state.params);
  };
  const executeRef = useRef(execute);
  executeRef.current = execute;

  // Mod is Cmd on macOS and Ctrl elsewhere; Ctrl-Enter works on macOS as well.
  const runKeys = useMemo(
    () =>
      Prec.highest(
        keymap.of(
          ['Mod-Enter', 'Ctrl-Enter'].map((key) => ({
            key,
            run: (view: EditorView) => {
              // The suggestions were for typing; once the query runs they would cover its results.
              closeCompletion(view);
              executeRef.current();
              return true;
            },
          })),
        ),
      ),
    [],
  );
  const error = run.status === 'error' && run.source.query === cypher ? run.error : null;
  const position = error?.position;
  const extensions = useMemo(
    () => [runKeys, ...(position ? [errorMarks(cypher, position.offset)] : [])],
    [runKeys, position, cypher],
  );

  return (
    <div className="wb-query">
      <div className="wb-editor-label" id="cypher-label">
        Cypher query <span className="muted">(Ctrl-Enter or ⌘-Enter runs it; read-only)</span>
      </div>
      <div className="wb-editor" role="group" aria-labelledby="cypher-label">
        <CypherEditor
          value={cypher}
          onValueChanged={(value: string) => setWorkbench({ cypher: value })}
          onEditorCreated={(api: EditorApi) => {
            editorRef.current = api;
            api.codemirror.contentDOM.setAttribute('aria-label', 'Cypher query');
          }}
          schema={schema}
          theme={theme}
          autofocus={false}
          lineWrapping
          placeholder="Write a read-only Cypher query, or try the example below"
          postExtensions={extensions}
          className="wb-codemirror"
        />
      </div>
      <label className="field-label" htmlFor="cypher-params">
        Parameters (JSON)
      </label>
      <textarea
        id="cypher-params"
        className="wb-params"
        spellCheck={false}
        rows={2}
        placeholder='{"id": "chen-quanguo"}'
        value={paramsText}
        onChange={(event) => setWorkbench({ params: event.target.value })}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            execute();
          }
        }}
        aria-invalid={paramsProblem !== null}
        aria-describedby={paramsProblem ? 'cypher-params-problem' : undefined}
      />
      {paramsProblem ? (
        <p id="cypher-params-problem" className="error-box" role="alert">
          {paramsProblem}
        </p>
      ) : null}
      <div className="wb-actions">
        <button
          type="button"
          className="btn btn--primary"
          onClick={execute}
          disabled={running || cypher.trim() === ''}
        >
          Run
        </button>
        <button type="button" className="btn" onClick={cancelRun} disabled={!running}>
          Cancel
        </button>
        <button
          type="button"
          className="btn"
          title={EXAMPLE_QUERY}
          disabled={running}
          onClick={() => {
            setWorkbench({ cypher: EXAMPLE_QUERY, params: '' });
            setParamsProblem(null);
            void startRun({ query: EXAMPLE_QUERY, params: {}, label: 'Query' }, '');
          }}
        >
          Try an example
        </button>
        <HistoryMenu
          entries={history}
          onRestore={(entry) => setWorkbench({ cypher: entry.query, params: entry.params })}
        />
      </div>
      {error ? (
        <div className="error-box wb-error" role="alert">
          <p>
            <strong>{error.code === 'QUERY_REFUSED' ? 'Not run' : 'Neo4j error'}</strong>
            {position ? (
              <>
                {' '}
                at line {position.line}, column {position.column}{' '}
                <button
                  type="button"
                  className="btn btn--small"
                  onClick={() => {
                    editorRef.current?.setPosition(position.offset);
                    editorRef.current?.focus();
                  }}
                >
                  Go to error
                </button>
              </>
            ) : null}
          </p>
          <p className="wb-error-message">{error.message}</p>
        </div>
      ) : null}
    </div>
  );
}

function HistoryMenu({
  entries,
  onRestore,
}: {
  entries: readonly { query: string; params: string; at: number }[];
  onRestore(entry: { query: string; params: string }): void;
}) {
  return (
    <details className="wb-history">
      <summary className="btn">History ({entries.length})</summary>
      {entries.length === 0 ? (
        <p className="muted">Queries you run are kept here, in this browser.</p>
      ) : (
        <ol aria-label="Query history, most recent first">
          {entries.map((entry) => (
            <li key={`${entry.at}-${entry.query}`}>
              <button
                type="button"
                className="wb-history-item"
                title="Restore this query into the editor"
                onClick={(event) => {
                  onRestore(entry);
                  event.currentTarget.closest('details')?.removeAttribute('open');
                }}
              >
                <code>{entry.query.length > 160 ? `${entry.query.slice(0, 160)}…` : entry.query}</code>
                <span className="muted">{new Date(entry.at).toLocaleString()}</span>
              </button>
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}
