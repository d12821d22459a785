// Trunk's post-build hook (Trunk.toml): names each wasm bundle trunk writes under a fixed
// name (the `data-type="worker"` ones: the linter, the embed, the lessons) by a hash of
// its own files, in the boot tag's `data-phoenix-versions` (`phoenix-linter:<hash> …`).
// static/boot.js asks for `phoenix-linter.js?v=<hash>`, so a browser or CDN never serves
// a copy from an older build, nor a glue from one build with the wasm of another. The
// playground's hash in trunk's own file name would not do: it follows the app's wasm
// alone, which does not change when only the linter does.
import { createHash } from 'node:crypto';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('run by trunk as a post_build hook (TRUNK_STAGING_DIR is not set)');
const names = (await readdir(dir))
  .map((file) => /^(phoenix-[a-z]+)\.js$/.exec(file)?.[1])
  .filter(Boolean)
  .sort();
const versions = [];
for (const name of names) {
  const hash = createHash('sha256');
  for (const file of [`${name}.js`, `${name}_bg.wasm`]) hash.update(await readFile(join(dir, file)));
  versions.push(`${name}:${hash.digest('hex').slice(0, 16)}`);
}
const page = join(dir, 'index.html');
const html = await readFile(page, 'utf8');
const tag = /<script\b[^>]*\bdata-phoenix-js=/;
if (!tag.test(html)) throw new Error(`${page} has no boot tag (Trunk.toml's pattern_script)`);
await writeFile(page, html.replace(tag, (start) => start.replace('<script', `<script data-phoenix-versions="${versions.join(' ')}"`)));
