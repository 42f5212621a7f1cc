import { Router } from 'express';
import type { AppContext } from '../context.js';

// Endpoints of this domain are mounted here (see contract/ for their specs).
export function graphRouter(_context: AppContext): Router {
  return Router();
}
