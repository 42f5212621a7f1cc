import { Router, type Response } from 'express';
import type { AppContext } from '../context.js';
import * as spec from '../../../contract/imports.js';
import { authorOf } from '../history/record.js';
import { mount } from '../http/mount.js';
import { importPasted, importUploaded } from './incoming.js';
import { listDrafts } from './query.js';
import * as importing from './use-cases.js';

// Writes are token-guarded and body-parsed in app.ts, before the 100 kB JSON limit of other routes.
export function importsRouter({ driver, config }: AppContext): Router {
  const router = Router();
  const who = (req: Parameters<typeof authorOf>[0]) => authorOf(req, config.access);
  // 201 for a new draft, 200 for the same text again (mount answers a handler's result with the first
  // 2xx of the spec, unless the handler has answered already).
  const created = <T extends { existing: boolean }>(res: Response, result: T): T => {
    res.status(result.existing ? 200 : 201).json(result);
    return result;
  };
  mount(router, spec.listImportsRoute, async () => ({ drafts: await listDrafts(driver) }));
  mount(router, spec.createImportRoute, async ({ body }, req, res) =>
    created(res, await importPasted(driver, body, who(req))),
  );
  mount(router, spec.uploadImportRoute, async ({ query }, req, res) =>
    created(res, await importUploaded(driver, query, req, who(req))),
  );
  mount(router, spec.getImportRoute, ({ params }) => importing.getDraft(driver, params.id));
  mount(router, spec.decideImportRoute, ({ params, body }, req) =>
    importing.decide(driver, params.id, body.decisions, who(req)),
  );
  mount(router, spec.addImportClaimRoute, ({ params, body }, req) =>
    importing.addClaim(driver, params.id, body, who(req)),
  );
  mount(router, spec.removeImportClaimRoute, ({ params }, req) =>
    importing.removeClaim(driver, params.id, params.claimId, who(req)),
  );
  mount(router, spec.publishImportRoute, ({ params }, req) => importing.publish(driver, params.id, who(req)));
  mount(router, spec.discardImportRoute, ({ params }, req) => importing.discard(driver, params.id, who(req)));
  mount(router, spec.importDatasetRoute, async ({ params }, _req, res) => {
    const dataset = await importing.draftDataset(driver, params.id);
    res.status(200).attachment(`${params.id}.trove-dataset.json`).type('application/json; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.send(`${JSON.stringify(dataset, null, 2)}\n`);
    return undefined;
  });
  return router;
}
