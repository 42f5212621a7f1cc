import { useEffect, useState } from 'react';
import { SearchBox } from '../search/SearchBox.js';
import { ensureEntity, useData } from '../state/data.js';
import { useView } from '../state/view.js';
import { announce } from '../ui/announce.js';
import {
  checkTemplateValues,
  fillTemplate,
  neighbourhoodTemplate,
  templateById,
  templates,
  toCypherText,
  type TemplateProblem,
} from '../templates/templates.js';
import { startRun } from './run.js';

/** Query templates by entity: pick one, choose its entities by name, run it, copy it as Cypher. */
export function TemplatesPanel() {
  const chosenId = useView((s) => s.workbench.template);
  const values = useView((s) => s.workbench.values);
  const setWorkbench = useView((s) => s.setWorkbench);
  const nodes = useData((s) => s.nodes);
  const [problems, setProblems] = useState<TemplateProblem[]>([]);
  const template = (chosenId ? templateById(chosenId) : undefined) ?? neighbourhoodTemplate;

  // Entity values restored from a URL need their names for the search boxes.
  useEffect(() => {
    for (const param of template.params) {
      const id = values[param.name] || String(param.default ?? '');
      if (param.kind === 'entity' && id && !useData.getState().nodes[id]) ensureEntity(id);
    }
  }, [template, values]);

  const setValue = (name: string, value: string) => setWorkbench({ values: { ...values, [name]: value } });

  const filled = () => {
    const checked = checkTemplateValues(template, values);
    setProblems(checked.problems);
    return checked.problems.length === 0 ? fillTemplate(template, values) : null;
  };

  const run = () => {
    const query = filled();
    if (query) void startRun({ ...query, label: template.title }, JSON.stringify(query.params));
  };

  const copy = async () => {
    const query = filled();
    if (!query) return;
    await navigator.clipboard.writeText(toCypherText(query.query, query.params));
    announce('The template is copied as Cypher, with its parameters.');
  };

  const openInConsole = () => {
    const query = filled();
    if (query)
      setWorkbench({ tab: 'query', cypher: query.query, params: JSON.stringify(query.params, null, 2) });
  };

  return (
    <div className="wb-templates">
      <label className="field-label" htmlFor="wb-template">
        Template
      </label>
      <select
        id="wb-template"
        value={template.id}
        onChange={(event) => {
          setProblems([]);
          setWorkbench({ template: event.target.value });
        }}
      >
        {templates.map((t) => (
          <option key={t.id} value={t.id}>
            {t.title}
          </option>
        ))}
      </select>
      <p className="muted wb-template-description">{template.description}</p>
      <form
        className="wb-template-form"
        onSubmit={(event) => {
          event.preventDefault();
          run();
        }}
      >
        {template.params.map((param) => {
          const problem = problems.find((p) => p.param === param.name);
          const value = values[param.name] ?? '';
          if (param.kind === 'entity') {
            const id = value || String(param.default ?? '');
            return (
              <div key={param.name} className="wb-template-field">
                <SearchBox
                  label={param.label}
                  visibleLabel
                  placeholder="Search by name or alias…"
                  value={nodes[id]?.name ?? id}
                  onChoose={(chosen) => setValue(param.name, chosen.id)}
                />
                {problem ? (
                  <p className="error-box" role="alert">
                    {problem.message}
                  </p>
                ) : null}
              </div>
            );
          }
          return (
            <div key={param.name} className="wb-template-field">
              <label className="field-label" htmlFor={`wb-param-${param.name}`}>
                {param.label}
              </label>
              <input
                id={`wb-param-${param.name}`}
                type="number"
                min={param.min}
                max={param.max}
                value={value || String(param.default ?? '')}
                onChange={(event) => setValue(param.name, event.target.value)}
                aria-invalid={problem !== undefined}
              />
              {problem ? (
                <p className="error-box" role="alert">
                  {problem.message}
                </p>
              ) : null}
            </div>
          );
        })}
        <div className="wb-actions">
          <button type="submit" className="btn btn--primary">
            Run template
          </button>
          <button type="button" className="btn" onClick={() => void copy()}>
            Copy as Cypher
          </button>
          <button type="button" className="btn" onClick={openInConsole}>
            Edit in console
          </button>
        </div>
      </form>
    </div>
  );
}
