/**
 * Starts the real server (`node --import tsx server.ts`, production build) as a child process.
 *
 *   const app = await startApp({ DATABASE_URL: database.url });
 *   await fetch(`${app.url}/api/health`);
 *   await app.stop();            // SIGTERM, waits for exit; app.kill() sends SIGKILL
 *
 * PORT defaults to 0 (a free port); the URL is read from the server's "Ready on" line.
 */
import { spawn, type ChildProcess } from 'node:child_process';

export interface RunningApp {
  url: string;
  port: number;
  child: ChildProcess;
  /** Everything the server printed so far. */
  output(): string;
  stop(): Promise<number | null>;
  kill(): Promise<void>;
}

export async function startApp(
  env: Record<string, string | undefined> = {},
  { timeoutMs = 60_000 } = {},
): Promise<RunningApp> {
  const child = spawn('node', ['--import', 'tsx', 'server.ts'], {
    env: serverEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`Server not ready in ${timeoutMs} ms:\n${printed}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      printed += chunk.toString();
      const ready = /Ready on http:\/\/localhost:(\d+)/.exec(printed);
      if (ready) {
        clearTimeout(timer);
        resolve(Number(ready[1]));
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`Server exited (${code}) before it was ready:\n${printed}`));
    });
  });
  return {
    url: `http://localhost:${port}`,
    port,
    child,
    output: () => printed,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
    kill: async () => {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Runs the server to completion, for start-ups that are meant to fail. */
export function runAppToExit(
  env: Record<string, string | undefined>,
): Promise<{ code: number | null; output: string; ms: number }> {
  const started = Date.now();
  const child = spawn('node', ['--import', 'tsx', 'server.ts'], { env: serverEnv(env) });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) =>
    child.once('exit', (code) => resolve({ code, output, ms: Date.now() - started })),
  );
}

/** The test's environment plus overrides; an override of `undefined` removes the variable. */
function serverEnv(overrides: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const merged: Record<string, string | undefined> = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: '0',
    ...overrides,
  };
  return Object.fromEntries(
    Object.entries(merged).filter(([, value]) => value !== undefined),
  ) as NodeJS.ProcessEnv;
}
