import { spawn } from 'node:child_process';
import path from 'node:path';

const ECHO_SERVER = path.join(__dirname, 'echoServer.mjs');

export interface EchoServer {
  url: string;
  pid: number | undefined;
  stop(): Promise<void>;
}

/** Starts the bare socket.io relay (echoServer.mjs) in its own process; resolves with its URL. */
export async function startEchoServer(env: Record<string, string> = {}): Promise<EchoServer> {
  const proc = spawn(process.execPath, [ECHO_SERVER], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let buffered = '';
    proc.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const line = buffered.split('\n').find((l) => l.includes('"listening"'));
      if (line) resolve((JSON.parse(line) as { url: string }).url);
    });
    void exited.then(() => reject(new Error('the echo server exited before listening')));
  });
  return {
    url,
    pid: proc.pid,
    stop: async () => {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      await exited;
    },
  };
}
