import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { REPO_ROOT } from '../../integration/support/serverProcess';

export interface RunningBrowserHost {
  /** The address to open, with the per-run secret (`?k=…`). */
  url: string;
  stop(): Promise<void>;
}

/**
 * Spawns the BUILT browser host (`out/node/browser-host/main.js`) on a free port against `serverUrl`,
 * with a fresh client data directory, and resolves once it reports "browser host ready".
 */
export async function startBrowserHost(serverUrl: string): Promise<RunningBrowserHost> {
  const entry = path.join(REPO_ROOT, 'out/node/browser-host/main.js');
  if (!fs.existsSync(entry)) throw new Error('The browser host is not built: run `npm run build` first.');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fairdesk-e2e-client-'));
  const proc = spawn(process.execPath, [entry], {
    env: { ...process.env, FAIRDESK_HOST_PORT: '0', FAIRDESK_SERVER_URL: serverUrl, FAIRDESK_CLIENT_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const exited = new Promise<number | null>((resolve) => proc.once('exit', resolve));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser host not ready in time:\n${output.join('\n')}`)), 30_000);
    void exited.then((code) => reject(new Error(`browser host exited (${code}):\n${output.join('\n')}`)));
    for (const stream of [proc.stdout, proc.stderr]) {
      createInterface({ input: stream }).on('line', (line) => {
        output.push(line);
        if (!line.startsWith('{')) return;
        try {
          const json = JSON.parse(line) as { msg?: string; url?: string };
          if (json.msg === 'browser host ready' && json.url) {
            clearTimeout(timer);
            resolve(json.url);
          }
        } catch {
          // not a JSON log line
        }
      });
    }
  });
  return {
    url,
    async stop() {
      if (proc.exitCode === null) proc.kill('SIGTERM');
      await exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
