import { Router } from 'express';
import type { AppContext } from '../context.js';
import { exportRoute } from '../../../contract/export.js';
import { mount } from '../http/mount.js';
import { readExport } from './file.js';

export function exportRouter({ driver }: AppContext): Router {
  const router = Router();
  mount(router, exportRoute, async ({ query: { format, ...filters } }, _req, res) => {
    const file = await readExport(driver, format, filters);
    res
      .status(200)
      // attachment() also sets a type from the file extension, so the exact type goes after it.
      .attachment(file.filename)
      .type(file.contentType)
      .setHeader('Cache-Control', 'no-store')
      .send(Buffer.from(file.body));
    return undefined;
  });
  return router;
}
