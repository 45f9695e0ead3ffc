// global-setup builds voicemap from the repository (the embedded dashboard
// is the committed build) and starts two demo servers on free loopback
// ports, each with its own temporary data file: "open" has no keys (the
// local administrator, no login), "keyed" has an admin, a funder and an
// analyst scoped to Riverside. It returns the teardown that stops them.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const repo = resolve(import.meta.dirname, '..', '..');

function startServer(bin: string, dir: string, extra: string[]): Promise<{ proc: ChildProcess; url: string }> {
  return new Promise((ok, fail) => {
    const proc = spawn(bin, ['-demo', '-addr', '127.0.0.1:0', '-data', join(dir, 'voicemap.db'), '-log-level', 'warn', ...extra], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    const timer = setTimeout(() => fail(new Error(`voicemap did not start: ${out}`)), 60_000);
    proc.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = out.match(/listening on (http:\/\/[\d.:]+)/);
      if (m) {
        clearTimeout(timer);
        ok({ proc, url: m[1] });
      }
    });
    proc.on('exit', (code) => fail(new Error(`voicemap exited ${code}: ${out}`)));
  });
}

function newKey(bin: string, id: string, role: string, places: string[]): { key: string; entry: unknown } {
  // "keys new" prints the key on stdout and its keys-file entry on stderr.
  const r = spawnSync(bin, ['keys', 'new', '-id', id, '-role', role, ...places.flatMap((p) => ['-place', p])], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`voicemap keys new: ${r.stderr}`);
  return { key: r.stdout.trim(), entry: JSON.parse(r.stderr.trim()) };
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(tmpdir(), 'voicemap-web-'));
  const bin = join(dir, 'voicemap');
  execFileSync('go', ['build', '-o', bin, '.'], { cwd: repo, stdio: 'inherit' });
  const keys = {
    admin: newKey(bin, 'web-admin', 'admin', []),
    funder: newKey(bin, 'web-funder', 'funder', []),
    analyst: newKey(bin, 'web-analyst', 'analyst', ['millbrook-riverside']),
  };
  const keysFile = join(dir, 'keys.json');
  writeFileSync(keysFile, JSON.stringify(Object.values(keys).map((k) => k.entry)));
  const openDir = mkdtempSync(join(dir, 'open-'));
  const keyedDir = mkdtempSync(join(dir, 'keyed-'));
  const open = await startServer(bin, openDir, []);
  const keyed = await startServer(bin, keyedDir, ['-keys-file', keysFile]);
  process.env.VOICEMAP_URL = open.url;
  process.env.VOICEMAP_KEYED_URL = keyed.url;
  process.env.VOICEMAP_TEST_KEYS = JSON.stringify({ admin: keys.admin.key, funder: keys.funder.key, analyst: keys.analyst.key });
  return async () => {
    for (const s of [open, keyed]) {
      s.proc.kill('SIGTERM');
      await new Promise((r) => s.proc.once('exit', r));
    }
    rmSync(dir, { recursive: true, force: true });
  };
}
