// compress.mjs writes NAME.gz and NAME.br beside each compressible file of
// dist/ (maximum levels; both deterministic, so the committed build is
// reproducible), keeping a variant only when it saves at least 10%.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const compressible = /\.(js|mjs|css|html|svg|json|txt|map)$/;

function walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (compressible.test(name)) compress(p);
  }
}

function compress(p) {
  const data = readFileSync(p);
  const gz = gzipSync(data, { level: 9 });
  const br = brotliCompressSync(data, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length },
  });
  if (gz.length <= data.length * 0.9) writeFileSync(p + '.gz', gz);
  if (br.length <= data.length * 0.9) writeFileSync(p + '.br', br);
}

walk(new URL('../dist', import.meta.url).pathname);
