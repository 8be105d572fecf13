// @ts-check
/**
 * `BENCH_CHAT_CPU_PROF=<dir>`: preloaded into the servers (`NODE_OPTIONS=--import …`, where Node
 * refuses `--cpu-prof`) — records a V8 CPU profile of the whole process through the inspector and
 * writes `<dir>/<BENCH_CHAT_PROFILE_NAME>-<pid>.cpuprofile` when the process exits (open it in
 * Chrome DevTools or VS Code).
 */
import fs from 'node:fs';
import inspector from 'node:inspector';
import path from 'node:path';

const dir = process.env['BENCH_CHAT_CPU_PROF'];
if (dir) {
  const session = new inspector.Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.start');
  process.on('exit', () => {
    // An in-process inspector session answers synchronously, so this completes inside 'exit'.
    session.post('Profiler.stop', (err, result) => {
      if (err) return;
      const name = `${process.env['BENCH_CHAT_PROFILE_NAME'] ?? 'server'}-${process.pid}.cpuprofile`;
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, name), JSON.stringify(result.profile));
    });
  });
}
