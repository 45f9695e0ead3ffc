// benchServer starts voicemap (VOICEMAP_BIN) on a place's database for the
// benchmarks, on a free loopback port, and says where it listens.
import { spawn, type ChildProcess } from 'node:child_process';

export function startBench(db: string): Promise<{ proc: ChildProcess; url: string }> {
  return new Promise((ok, fail) => {
    const proc = spawn(process.env.VOICEMAP_BIN!, ['-addr', '127.0.0.1:0', '-data', db, '-audit-log', `${db}.audit.log`, '-log-level', 'error'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    proc.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = out.match(/listening on (http:\/\/[\d.:]+)/);
      if (m) ok({ proc, url: m[1] });
    });
    proc.on('exit', (c) => fail(new Error(`exit ${c}`)));
  });
}
