// Transfer size of what a page of the app loads: every stylesheet, script and icon
// dist/index.html names and the bundle static/boot.js starts (its wasm-bindgen glue, the
// glue's snippets and the wasm); for the playground also the lint worker's script and
// the default example boot.js shows while the wasm loads — each gzipped at level 9, as a
// static host would serve it. One view per bundle (app/src/lib.rs):
//   playground  what the playground loads before its first findings
//   embed       what an embed (#/embed?…) loads before its first findings
//   learn       what a lesson, workshop, the drill or the embed builder loads (their
//               content, fetched when the view opens, comes on top: dist/content/)
// Usage: node bench/page-size.mjs [dist directory, default dist/]   (after `trunk build --release`)
import { readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** Files a view of the page requests, relative to `dist`, each once. */
export async function pageFiles(dist, view = 'playground') {
  const html = await readFile(join(dist, 'index.html'), 'utf8');
  const named = [...html.matchAll(/<(?:link|script)\b[^>]*?\b(?:href|src)="([^"]+)"/g)].map((m) => m[1]);
  const files = new Set(['index.html']);
  for (const url of named) files.add(url.replace(/^\//, ''));
  // The bundle boot.js starts: the tag names the playground's; the others have trunk's
  // fixed names beside it.
  const [glue, wasm] = ['data-phoenix-js', 'data-phoenix-wasm']
    .map((attr) => new RegExp(`${attr}="([^"]+)"`).exec(html)[1].replace(/^\//, ''));
  const bundle = view === 'playground' ? [glue, wasm] : [`phoenix-${view}.js`, `phoenix-${view}_bg.wasm`];
  for (const file of bundle) files.add(file);
  const glueText = await readFile(join(dist, bundle[0]), 'utf8');
  for (const [, snippet] of glueText.matchAll(/^import \* as \w+ from "\.\/([^"]+)"/gm)) files.add(snippet);
  if (view === 'playground') {
    // Only the playground lints in a worker; the embed and the lessons lint on the page.
    files.add('static/lint-worker.js');
    for (const [, example] of html.matchAll(/data-example="([^"]+)"/g)) files.add(example.replace(/^\//, ''));
  }
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
  const views = [
    ['playground', 'the playground loads before its first findings'],
    ['embed', 'an embed loads before its first findings'],
    ['learn', 'a lesson, workshop, the drill or the embed builder loads'],
  ];
  for (const [view, what] of views) {
    const rows = await measure(dist, await pageFiles(dist, view));
    console.log(`What ${what} (${dist}, gzip -9):`);
    for (const r of rows) console.log(`  ${r.name.padEnd(44)} ${kb(r.raw).padStart(10)} raw  ${kb(r.gzip).padStart(9)} gzipped`);
    const total = (key) => rows.reduce((sum, r) => sum + r[key], 0);
    console.log(`  ${'total'.padEnd(44)} ${kb(total('raw')).padStart(10)} raw  ${kb(total('gzip')).padStart(9)} gzipped`);
  }
}
