// `npm start` builds first when the production build is missing or older than the sources.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const SOURCES = [
  'app',
  'components',
  'lib',
  'widget',
  'public',
  'next.config.js',
  'package-lock.json',
];
const buildId = path.join('.next', 'BUILD_ID');

function newestChange(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(entry)
    .filter((name) => name !== 'generated')
    .reduce((newest, name) => Math.max(newest, newestChange(path.join(entry, name))), stat.mtimeMs);
}

function builtAt(): number {
  return existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
}

const stale = () => Math.max(...SOURCES.map(newestChange)) > builtAt();

if (stale()) {
  // Several test runs may start at once: build under a lock, and check again once we hold it.
  const command = process.argv.includes('--locked')
    ? ['npm', 'run', 'build']
    : ['flock', '.build.lock', 'npx', 'tsx', 'scripts/build-if-needed.ts', '--locked'];
  if (process.argv.includes('--locked')) {
    console.log(
      builtAt() ? 'Sources changed since the last build: building…' : 'No build yet: building…',
    );
  }
  const build = spawnSync(command[0], command.slice(1), { stdio: 'inherit' });
  process.exit(build.status ?? 1);
}
