import type { RequestHandler } from 'express';
import { hostName, type Config } from '../config.js';
import { AppError } from './errors.js';

const writeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Whether a browser's Origin names this very server (scheme aside, which TLS termination may change). */
function sameOrigin(origin: string, host: string): boolean {
  try {
    // Both through URL, so case and default ports compare equal; "null" (file://) does not parse.
    return new URL(origin).host === new URL(`http://${host}`).host;
  } catch {
    return false;
  }
}

/**
 * DNS rebinding: a page on attacker.example can make its own name resolve to 127.0.0.1 and then talk
 * to this server as a same-origin page. The browser still sends `Host: attacker.example`, so a Host
 * outside the allow-list is answered 421 before anything runs. Writes also check Origin, which a
 * browser always sends with them: only the page's own origin may write, so a page of another origin
 * (another localhost port too, or a `file://` page, Origin `null`) cannot post to the console or the
 * stories, even with a request type that needs no CORS preflight. Clients that are not browsers
 * send no Origin and are not affected.
 */
export function hostCheck(allowed: Config['allowedHosts']): RequestHandler {
  const ok = (name: string): boolean => allowed === 'any' || allowed.has(name);
  return (req, _res, next) => {
    const host = req.headers.host ?? '';
    if (!ok(hostName(host))) {
      return next(
        new AppError(
          421,
          'MISDIRECTED_REQUEST',
          `This server does not answer to the host '${host.slice(0, 100)}': name it in ALLOWED_HOSTS to serve it.`,
        ),
      );
    }
    const origin = req.headers.origin;
    if (origin !== undefined && writeMethods.has(req.method)) {
      if (!sameOrigin(origin, host)) {
        return next(
          new AppError(
            403,
            'FORBIDDEN',
            `Writes from a page of another origin ('${origin.slice(0, 100)}') are refused.`,
          ),
        );
      }
    }
    next();
  };
}
