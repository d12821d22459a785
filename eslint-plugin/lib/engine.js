'use strict';
// lint-core in WebAssembly, run once per file however many of the plugin's rules are on.
//
// The wasm is the `phoenix-lint-wasm` crate bound by wasm-bindgen `--target nodejs`: a
// CommonJS module that reads the `.wasm` next to it with `fs.readFileSync` and compiles it
// synchronously, so `require` of the plugin is enough and rules stay synchronous, as
// ESLint needs. Its `lint` returns the messages `phoenix-lint --format json` prints.

const path = require('node:path');

const GLUE = path.join(__dirname, '..', 'wasm', 'phoenix_lint_wasm.js');

/** The bound wasm module; reloaded after a trap, since a trapped instance is unusable. */
let wasm = null;

function loadWasm() {
  delete require.cache[GLUE];
  wasm = require(GLUE);
  return wasm;
}

/** How many times lint-core ran, for the tests that check a file is linted once. */
const stats = { lints: 0 };

/**
 * One result per SourceCode object: ESLint makes a new one for each file (and each fix
 * pass), and hands the same one to every rule, so the rules share one lint of the text.
 * @type {WeakMap<object, Entry>}
 */
const results = new WeakMap();

/**
 * @typedef {object} Entry
 * @property {string} text                    the text that was linted
 * @property {string | undefined} filename    its file name
 * @property {Map<string, object[]>} byRule   the findings of each rule, in source order
 * @property {object | null} unreadable       why lint-core could not read all of the file
 * @property {boolean} unreadableReported     whether a rule has reported `unreadable` yet
 */

/** The file's lint result, computed on the first rule's request. */
function resultFor(sourceCode, filename) {
  const text = sourceCode.text;
  let entry = results.get(sourceCode);
  // The text is compared too, for hosts that reuse one SourceCode object across files.
  if (entry === undefined || entry.text !== text || entry.filename !== filename) {
    entry = lintText(text, filename);
    results.set(sourceCode, entry);
  }
  return entry;
}

/** Lints `text`; never throws: a failure becomes the entry's `unreadable` message. */
function lintText(text, filename) {
  const entry = { text, filename, byRule: new Map(), unreadable: null, unreadableReported: false };
  let messages;
  try {
    stats.lints += 1;
    messages = (wasm ?? loadWasm()).lint(text, lintOptions(filename));
  } catch (error) {
    // A trap (a panic, or the engine's stack running out) leaves the instance in an
    // unknown state: the next file gets a fresh one.
    wasm = null;
    entry.unreadable = { message: `lint-core failed on this file (${describe(error)})`, line: 1, column: 1 };
    return entry;
  }
  for (const message of messages) {
    if (message.fatal) {
      // A syntax error lint-core's parser (oxc) found, or a refused input (too large,
      // binary, too deeply nested): the rest of the file was linted as far as possible.
      entry.unreadable ??= message;
      continue;
    }
    const list = entry.byRule.get(message.ruleId) ?? [];
    list.push(message);
    entry.byRule.set(message.ruleId, list);
  }
  return entry;
}

/** lint-core picks JavaScript or TypeScript from the extension; ESLint's pseudo names
 *  (`<input>`, `<text>`) have none, so lint-core tries JavaScript, then TypeScript. */
function lintOptions(filename) {
  return typeof filename === 'string' && path.extname(filename) !== '' ? { fileName: path.basename(filename) } : undefined;
}

function describe(error) {
  if (error instanceof RangeError) {
    return 'the JavaScript stack ran out; run phoenix-lint on it, or Node with a larger --stack-size';
  }
  return error instanceof Error ? error.message : String(error);
}

/** The rules lint-core has, with their one-line summaries. */
function ruleInfos() {
  return (wasm ?? loadWasm()).rules();
}

module.exports = { resultFor, ruleInfos, stats };
