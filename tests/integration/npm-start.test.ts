import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';

// A process manager stops `npm start` by signalling the npm process: nothing of the app may
// outlive it, the embedded Postgres included. Runs the production build, so like the e2e tests:
// `flock /tmp/next-build.lock npx vitest run tests/integration/npm-start.test.ts`.

const dataDir = mkdtempSync(path.join(tmpdir(), 'hearth-npm-start-'));

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

it.each(['SIGTERM', 'SIGINT'] as const)(
  'stops the server and its embedded Postgres on %s to npm',
  async (signal) => {
    const port = await freePort();
    const npm = spawn('npm', ['start', '--', '--no-build'], {
      env: {
        ...process.env,
        DATABASE_URL: undefined,
        REDIS_URL: undefined,
        // The README's command as a user runs it: with the built-in sentence encoder.
        EMBEDDING_MODEL: undefined,
        DATA_DIR: dataDir,
        EMBEDDED_POSTGRES_PORT: String(await freePort()),
        PORT: String(port),
        ADMIN_PASSWORD: 'correct-horse-battery',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let printed = '';
    npm.stdout.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    npm.stderr.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    let gone = false;
    const exited = new Promise((resolve) => npm.once('exit', resolve)).then(() => (gone = true));
    await eventually(() => printed.includes('Ready on') || gone, 120_000).catch(() => {});
    if (!printed.includes('Ready on')) {
      throw new Error(`npm start did not get ready:\n${printed}`);
    }
    // Printed just after "Ready on", once the models have settled.
    const encoderReady = 'Embedding model: google/universal-sentence-encoder-lite (fp32) ready';
    await eventually(() => printed.includes(encoderReady), 30_000).catch(() => {});
    expect(printed).toContain(encoderReady);
    const app = descendants(npm.pid!);
    const postgresPid = Number(
      readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0],
    );
    expect(app).toContain(postgresPid);

    process.kill(npm.pid!, signal);
    await exited;
    await eventually(() => app.every((pid) => !isAlive(pid)), 20_000);
    expect(printed).toContain(`${signal}: shutting down`);
    expect(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
    await expect(fetch(`http://127.0.0.1:${port}/api/health`)).rejects.toThrow();
  },
  180_000,
);

/** Every process under `pid`, from /proc. */
function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirProc()) {
    const stat = procStat(entry);
    if (stat === undefined) continue;
    const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    children.set(parent, [...(children.get(parent) ?? []), entry]);
  }
  const found: number[] = [];
  const visit = (parent: number) => {
    for (const child of children.get(parent) ?? []) {
      found.push(child);
      visit(child);
    }
  };
  visit(pid);
  return found;
}

function readdirProc(): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
}

/** A process's /proc stat line, or undefined when it exited after /proc was listed (seen in CI). */
function procStat(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function eventually(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject).listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
