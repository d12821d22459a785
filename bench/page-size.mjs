// Transfer size of what a page of the app loads: the stylesheets, scripts and icon
// dist/index.html names and the bundle static/boot.js starts (its wasm-bindgen glue, the
// glue's snippets and the wasm), each gzipped at level 9, as a static host would serve
// it. One view per bundle (app/src/lib.rs):
//   playground        what the playground loads before its first findings: boot.js marks
//                     them on the loading screen as soon as its linter's wasm has linted
//                     the code it shows (the default example here), before it asks for
//                     the app's wasm and the editor
//   playground-whole  the playground with all it loads once it runs: the app's wasm, the
//                     editor bundle, the lint worker's script and the rule docs (fetched
//                     for the finding view when the first finding is shown)
//   playground-long   the playground in all once it has linted a long text (32 KB or
//                     more): the lint worker then fetches the linter built for speed
//   embed             what an embed (#/embed?…) loads before its first findings
//   learn             what a lesson, workshop, the drill or the embed builder loads (their
//                     content, fetched when the view opens, comes on top: dist/content/)
// Usage: node bench/page-size.mjs [dist directory, default dist/]   (after `trunk build --release`)
import { readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** Files a view of the page requests, relative to `dist`, each once. */
export async function pageFiles(dist, view = 'playground') {
  const html = await readFile(join(dist, 'index.html'), 'utf8');
  const playground = view.startsWith('playground');
  const tags = [...html.matchAll(/<(?:link|script)\b[^>]*?\b(?:href|src)="([^"]+)"[^>]*>/g)];
  const files = new Set(['index.html']);
  for (const [tag, url] of tags) {
    // The editor bundle's tag is inert: boot.js loads it, on the playground after the
    // first findings.
    if (view === 'playground' && /data-phoenix-editor/.test(tag)) continue;
    files.add(url.replace(/^\//, ''));
  }
  // The bundles boot.js starts: the tag names the playground's; the others have trunk's
  // fixed names beside it. The playground's first findings come from its linter alone
  // (a build from before the linter had its own wasm: from the app's).
  const [glue, wasm] = ['data-phoenix-js', 'data-phoenix-wasm']
    .map((attr) => new RegExp(`${attr}="([^"]+)"`).exec(html)[1].replace(/^\//, ''));
  const named = (name) => [`${name}.js`, `${name}_bg.wasm`];
  const linter = await exists(join(dist, 'phoenix-linter.js')) ? [named('phoenix-linter')] : [];
  const fastLinter = await exists(join(dist, 'phoenix-fastlinter.js')) ? [named('phoenix-fastlinter')] : [];
  const bundles = {
    playground: linter.length > 0 ? linter : [[glue, wasm]],
    'playground-whole': [[glue, wasm], ...linter],
    'playground-long': [[glue, wasm], ...linter, ...fastLinter],
  }[view] ?? [named(`phoenix-${view}`)];
  for (const bundle of bundles) {
    for (const file of bundle) files.add(file);
    const glueText = await readFile(join(dist, bundle[0]), 'utf8');
    for (const [, snippet] of glueText.matchAll(/^import \* as \w+ from "\.\/([^"]+)"/gm)) files.add(snippet);
  }
  if (playground) {
    for (const [, example] of html.matchAll(/data-example="([^"]+)"/g)) files.add(example.replace(/^\//, ''));
  }
  if (view === 'playground-whole' || view === 'playground-long') {
    // Only the playground lints in a worker (started once the first findings are in the
    // editor); the embed and the lessons lint on the page.
    files.add('static/lint-worker.js');
    files.add('content/rule-docs.json');
  }
  const present = [];
  for (const file of files) {
    // Not in this build (an older dist/ without the example, say): nothing to count.
    if (await exists(join(dist, file))) present.push(file);
  }
  return present;
}

async function exists(path) {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
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
    ['playground-whole', 'the playground loads in all, once it runs'],
    ['playground-long', 'the playground loads in all, once it has linted a long text'],
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
