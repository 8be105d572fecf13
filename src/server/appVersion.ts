import fs from 'node:fs';
import path from 'node:path';

let cached: string | undefined;

/** The product version from the nearest `package.json` above this file (source or built). */
export function appVersion(): string {
  if (cached !== undefined) return cached;
  cached = '0.0.0';
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'package.json');
    if (fs.existsSync(candidate)) {
      try {
        const pkg = JSON.parse(fs.readFileSync(candidate, 'utf8')) as { name?: unknown; version?: unknown };
        if (pkg.name === 'fairdesk' && typeof pkg.version === 'string') {
          cached = pkg.version;
          break;
        }
      } catch {
        // not our package.json; keep walking up
      }
    }
    if (path.dirname(dir) === dir) break;
  }
  return cached;
}
