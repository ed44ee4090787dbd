// `npm start`: build when the build is missing or stale, then run the server in this very process,
// so the SIGTERM/SIGINT a process manager sends to npm (which npm forwards to its one child) reaches
// the server's graceful shutdown, and the embedded Postgres stops with it.
// `npm start -- --no-build` skips the check (the build was made elsewhere, e.g. in an image).
import { spawn } from 'node:child_process';

if (!process.argv.includes('--no-build')) {
  const build = spawn(process.execPath, ['--import', 'tsx', 'scripts/build-if-needed.ts'], {
    stdio: 'inherit',
  });
  // Stopped while building: stop the build too, and do not start.
  const stopBuild = (signal: NodeJS.Signals) => build.kill(signal);
  process.on('SIGTERM', stopBuild).on('SIGINT', stopBuild);
  const code = await new Promise<number>((resolve) =>
    build.once('exit', (status, signal) => resolve(signal ? 1 : (status ?? 1))),
  );
  process.off('SIGTERM', stopBuild).off('SIGINT', stopBuild);
  if (code !== 0) process.exit(code);
}

Object.assign(process.env, { NODE_ENV: 'production' });
await import('../server');
