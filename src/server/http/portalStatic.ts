import fs from 'node:fs';
import path from 'node:path';
import express, { type Router } from 'express';

/**
 * Serves the built candidate portal from `dir` with an SPA fallback (any GET outside `/api/`
 * and `/socket.io/` that is not a file gets `index.html`). Returns null when the portal is not built.
 */
export function portalStatic(dir: string): Router | null {
  const index = path.join(dir, 'index.html');
  if (!fs.existsSync(index)) return null;
  const router = express.Router();
  router.use(express.static(dir, { index: 'index.html', fallthrough: true, maxAge: '1h' }));
  router.use((req, res, next) => {
    const wantsPage = (req.method === 'GET' || req.method === 'HEAD') && !req.path.startsWith('/api/') && !req.path.startsWith('/socket.io/');
    if (!wantsPage) return next();
    res.set('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}
