// Where a wasm's bytes go, by crate: `twiggy top` lists every item of the un-optimised
// release wasm (it still has function names); this sums their shallow sizes by the first
// `crate::` path in each name (so a generic instantiated for another crate counts under
// the crate that defines it), with data segments, the name section and wasm-bindgen's
// custom section apart. Sizes are raw bytes before wasm-opt: shares, not download sizes.
// Usage: node bench/wasm-crates.mjs <wasm> [<wasm> …]
//   e.g. node bench/wasm-crates.mjs target/wasm32-unknown-unknown/release/phoenix-{app,embed,learn}.wasm
import { execFileSync } from 'node:child_process';
import { basename } from 'node:path';

/** Raw bytes by crate (and the data/unnamed/custom groups) of one wasm. */
export function crateSizes(wasm) {
  const csv = execFileSync('twiggy', ['top', '-n', '1000000', '--format', 'csv', wasm], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const sizes = new Map();
  for (const line of csv.split('\n').slice(1)) {
    // Name,ShallowSize,…: the name is quoted when it has a comma or a quote.
    const match = /^("(?:[^"]|"")*"|[^,]*),(\d+),/.exec(line);
    if (!match) continue;
    const name = match[1].startsWith('"') ? match[1].slice(1, -1).replaceAll('""', '"') : match[1];
    const group = groupOf(name);
    if (group === null) continue;
    sizes.set(group, (sizes.get(group) ?? 0) + Number(match[2]));
  }
  return sizes;
}

function groupOf(name) {
  if (/function names|custom section|^producers|^target_features/.test(name)) return null;
  if (name.startsWith('data segment') || /^data\[\d+\]$/.test(name)) return 'data';
  // The first path segment that names a crate: `<a::B as c::D>::f` counts under `a`.
  const crate = /([a-z_][a-z0-9_]*)::/.exec(name);
  return crate ? crate[1] : 'unnamed';
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const files = process.argv.slice(2);
  if (files.length === 0) {
    console.error('usage: node bench/wasm-crates.mjs <wasm> [<wasm> …]');
    process.exit(2);
  }
  const tables = files.map(crateSizes);
  const groups = [...new Set(tables.flatMap((t) => [...t.keys()]))]
    .map((g) => [g, Math.max(...tables.map((t) => t.get(g) ?? 0))])
    .sort((a, b) => b[1] - a[1])
    .map(([g]) => g);
  const kb = (v) => (v ? (v / 1024).toFixed(1) : '—');
  console.log(`| crate | ${files.map((f) => basename(f)).join(' | ')} |`);
  console.log(`|---|${files.map(() => '---:').join('|')}|`);
  const shown = groups.filter((g) => tables.some((t) => (t.get(g) ?? 0) >= 8 * 1024));
  for (const group of shown) {
    console.log(`| ${group} | ${tables.map((t) => kb(t.get(group))).join(' | ')} |`);
  }
  const rest = (t) => [...t].filter(([g]) => !shown.includes(g)).reduce((s, [, v]) => s + v, 0);
  console.log(`| (crates under 8 KB each) | ${tables.map((t) => kb(rest(t))).join(' | ')} |`);
  console.log(`| total | ${tables.map((t) => kb([...t.values()].reduce((s, v) => s + v, 0))).join(' | ')} |`);
}
