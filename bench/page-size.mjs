// Transfer size of what the playground page loads before its first findings: every
// stylesheet, script, preload and icon dist/index.html names, the lint worker's script,
// and the default example static/boot.js shows while the wasm loads — each gzipped at
// level 9, as a static host would serve it. The embed (#/embed?…) is the same page and
// loads the same files, less the default example.
// Usage: node bench/page-size.mjs [dist directory, default dist/]   (after `trunk build --release`)
import { readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** Files the page requests before first findings, relative to `dist`, each once. */
export async function pageFiles(dist) {
  const html = await readFile(join(dist, 'index.html'), 'utf8');
  const named = [...html.matchAll(/<(?:link|script)\b[^>]*?\b(?:href|src)="([^"]+)"/g)].map((m) => m[1]);
  // The wasm is named by boot.js's tag (and preloaded); the worker and the example by scripts.
  const wasm = [...html.matchAll(/data-phoenix-wasm="([^"]+)"/g)].map((m) => m[1]);
  const example = [...html.matchAll(/data-example="([^"]+)"/g)].map((m) => m[1]);
  const files = new Set(['index.html', 'static/lint-worker.js']);
  for (const url of [...named, ...wasm, ...example]) files.add(url.replace(/^\//, ''));
  const present = [];
  for (const file of files) {
    try {
      await stat(join(dist, file));
      present.push(file);
    } catch {
      // Not in this build (an older dist/ without the example, say): nothing to count.
    }
  }
  return present;
}

/** Raw and gzip -9 sizes of `files` in `dist`, largest first. */
export async function measure(dist, files) {
  const rows = [];
  for (const name of files) {
    const bytes = await readFile(join(dist, name));
    rows.push({ name, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
  }
  return rows.sort((a, b) => b.gzip - a.gzip);
}

const kb = (v) => `${(v / 1024).toFixed(1)} KB`;

if (import.meta.url === `file://${process.argv[1]}`) {
  const dist = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
  const rows = await measure(dist, await pageFiles(dist));
  console.log(`What the page loads before first findings (${dist}, gzip -9):`);
  for (const r of rows) console.log(`  ${r.name.padEnd(44)} ${kb(r.raw).padStart(10)} raw  ${kb(r.gzip).padStart(9)} gzipped`);
  const total = (key) => rows.reduce((sum, r) => sum + r[key], 0);
  console.log(`  ${'total'.padEnd(44)} ${kb(total('raw')).padStart(10)} raw  ${kb(total('gzip')).padStart(9)} gzipped`);
}
