// Builds the server (dist/) and the tab (tab/dist/) when they are missing or older than their
// sources, so that `npm start`, `npm test` and `npx crewdesk` work straight after a clone.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

function isStale(output, sources) {
  if (!existsSync(join(root, output))) return true;
  const built = statSync(join(root, output)).mtimeMs;
  return sources.some((source) => newestMtime(join(root, source)) > built);
}

function run(script) {
  execFileSync('npm', ['run', '--silent', script], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
}

export async function ensureServerBuilt() {
  if (isStale('dist/.built', ['src', 'tsconfig.json', 'tsconfig.build.json', 'package.json'])) {
    run('build:server');
  }
}

export async function ensureTabBuilt() {
  if (isStale('tab/dist/.built', ['tab/src', 'tab/index.html', 'tab/vite.config.ts', 'src/i18n'])) {
    run('build:tab');
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await ensureServerBuilt();
  await ensureTabBuilt();
}
