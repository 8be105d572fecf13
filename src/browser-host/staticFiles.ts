import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.eot': 'application/vnd.ms-fontobject',
};

export type StaticResult = 'served' | 'not_found' | 'forbidden' | 'bad_request';

/**
 * Serves one file of the built renderer from `root` (an absolute, resolved directory).
 *
 * Promises: nothing outside `root` is ever read (`..`, encoded `%2e%2e%2f`, NUL bytes and symlinks
 * leading out are refused); directories are never listed; unknown extension-less paths fall back
 * to index.html so client-side routes survive a reload; anything else missing is 404.
 * Headers common to every answer are set by the caller.
 */
export async function serveStaticFile(
  root: string,
  rawPath: string,
  method: 'GET' | 'HEAD',
  res: http.ServerResponse,
): Promise<StaticResult> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return 'bad_request';
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return 'forbidden';
  const relative = decoded.replace(/^\/+/, '') || 'index.html';
  const candidate = path.resolve(root, relative);
  if (!isInside(root, candidate)) return 'forbidden';

  let file = candidate;
  let stat = await statOrNull(file);
  if (!stat && path.extname(relative) === '') {
    file = path.join(root, 'index.html');
    stat = await statOrNull(file);
  }
  if (!stat || !stat.isFile()) return 'not_found';
  const real = await fs.promises.realpath(file);
  if (!isInside(await fs.promises.realpath(root), real)) return 'forbidden';

  res.statusCode = 200;
  res.setHeader('Content-Type', CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream');
  res.setHeader('Content-Length', stat.size);
  if (method === 'HEAD') {
    res.end();
    return 'served';
  }
  await new Promise<void>((resolve) => {
    const stream = fs.createReadStream(real);
    stream.on('error', () => {
      res.destroy();
      resolve();
    });
    stream.on('end', () => resolve());
    stream.pipe(res);
  });
  return 'served';
}

function isInside(root: string, candidate: string): boolean {
  return candidate === root || candidate.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
}

async function statOrNull(file: string): Promise<fs.Stats | null> {
  try {
    return await fs.promises.stat(file);
  } catch {
    return null;
  }
}
