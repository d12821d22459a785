// Thin glue between the Rust app and CodeMirror 6. No lint logic lives here: Rust
// decides what the diagnostics are and what an edit changes; this file only shows them.
// esbuild bundles it as an IIFE that defines the global `PhoenixEditor`, loaded as a
// classic script so it is there before the wasm module starts.

import { EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter,
  highlightSpecialChars, drawSelection, rectangularSelection, dropCursor } from '@codemirror/view';
import { EditorState, EditorSelection, Compartment } from '@codemirror/state';
import { defaultKeymap, history, historyKeymap, indentWithTab, isolateHistory, undo as undoCommand }
  from '@codemirror/commands';
import { search, searchKeymap, highlightSelectionMatches } from '@codemirror/search';
import { linter, lintGutter, setDiagnostics, lintKeymap, forEachDiagnostic } from '@codemirror/lint';
import { javascriptLanguage, jsxLanguage, typescriptLanguage } from '@codemirror/lang-javascript';
import { classHighlighter, highlightCode } from '@lezer/highlight';
import { LanguageSupport, bracketMatching, foldGutter, foldKeymap, indentOnInput, syntaxHighlighting,
  defaultHighlightStyle, HighlightStyle } from '@codemirror/language';
import { oneDarkHighlightStyle, oneDarkTheme } from '@codemirror/theme-one-dark';
import { StyleModule } from 'style-mod';

// CodeMirror's CSS is written by style-mod, which puts it in a <style> element when the
// editor lives in a document, and in a constructable stylesheet (document.adoptedStyleSheets)
// when it lives in a shadow root. The page's Content-Security-Policy allows no inline
// styles, so the <style> element would be blocked. Mounting once on a shadow-root-like
// object makes style-mod create its sheet-backed style set, which is then handed to the
// document; CodeMirror's later mounts on the document reuse it. If style-mod ever
// changes this, the editor falls back to a <style> element and the e2e CSP test fails.
function adoptCodeMirrorStyles() {
  if (!('adoptedStyleSheets' in document) || typeof CSSStyleSheet === 'undefined') return;
  const probe = { ownerDocument: document, adoptedStyleSheets: [] };
  StyleModule.mount(probe, []);
  const [key] = Object.getOwnPropertySymbols(probe);
  if (key && !document[key]) document[key] = probe[key];
}
adoptCodeMirrorStyles();

const themeSlot = new Compartment();
const languageSlot = new Compartment();
// Editable unless an embed asks for read-only code.
const readOnlySlot = new Compartment();
// Long lines wrap or scroll sideways; see `wrapsByDefault`.
const wrapSlot = new Compartment();

// Below this width a sideways-scrolling editor hides most of every long line, so lines wrap
// unless the reader turns wrapping off.
const NARROW = '(max-width: 699px)';
// The reader's choice, once made, for every editor of this page.
let wrapChoice = null;

function wrapsByDefault() {
  if (wrapChoice !== null) return wrapChoice;
  return typeof matchMedia === 'function' && matchMedia(NARROW).matches;
}

function wrapExtension(wrap) {
  return wrap ? EditorView.lineWrapping : [];
}

// `style` with the colours in `colours` (old → new) replaced.
function recoloured(style, colours) {
  return HighlightStyle.define(style.specs.map((spec) =>
    colours.has(spec.color) ? { ...spec, color: colours.get(spec.color) } : spec));
}

// Light theme: CodeMirror's default look, tuned to the page's colours.
const lightTheme = [
  EditorView.theme({
    '&': { backgroundColor: 'var(--surface)', color: 'var(--text)' },
    '.cm-gutters': { backgroundColor: 'var(--surface-2)', color: 'var(--muted)', borderRight: '1px solid var(--border)' },
    '.cm-activeLineGutter, .cm-activeLine': { backgroundColor: 'var(--active-line)' },
  }, { dark: false }),
  // Regexps, type names and invalid tokens darkened to reach 4.5:1 on the active line.
  syntaxHighlighting(recoloured(defaultHighlightStyle,
    new Map([['#e40', '#c2410c'], ['#085', '#074'], ['#f00', '#c92a2a']])),
    { fallback: true }),
];

// Dark theme: One Dark, with the colours that fall short of 4.5:1 on its background
// (comments, line numbers, keywords, names) lightened to pass.
const LIGHTER = new Map([['#7d8799', '#98a0b3'], ['#c678dd', '#d49bf0'], ['#e06c75', '#f08c95']]);
const darkTheme = [
  // Before One Dark, so it takes precedence.
  EditorView.theme({ '.cm-gutters': { color: LIGHTER.get('#7d8799') } }, { dark: true }),
  oneDarkTheme,
  syntaxHighlighting(recoloured(oneDarkHighlightStyle, LIGHTER)),
];

function themeExtension(dark) {
  return dark ? darkTheme : lightTheme;
}

// The bare language, not `javascript()`: that adds completion sources (unused: the editor
// has no autocompletion) and JSX tag closing, 4.6 KB gzipped of the bundle.
function languageExtension(typescript) {
  return new LanguageSupport(typescript ? typescriptLanguage : jsxLanguage);
}

// Tooltips are built as DOM so the help line can be styled apart from the message.
function renderMessage(d) {
  return () => {
    const box = document.createElement('div');
    box.className = 'pp-tip';
    if (d.rule) {
      const rule = document.createElement('code');
      rule.className = 'pp-tip-rule';
      rule.textContent = d.rule;
      box.append(rule, ' ');
    }
    const message = document.createElement('span');
    message.textContent = d.message;
    box.append(message);
    if (d.help) {
      const help = document.createElement('div');
      help.className = 'pp-tip-help';
      help.textContent = 'Help: ' + d.help;
      box.append(help);
    }
    return box;
  };
}

function clamp(view, pos) {
  return Math.max(0, Math.min(pos, view.state.doc.length));
}

class EditorHandle {
  constructor(parent, doc, onChange) {
    // The editor state of each file of a project not shown now, by path: each file
    // keeps its own undo history while another is shown.
    this.files = new Map();
    this.dark = false;
    this.typescript = false;
    this.view = new EditorView({
      parent,
      state: EditorState.create({
        doc,
        extensions: this.extensions = [
          // Only "\n" separates lines, so a lone "\r" or a CRLF survives byte-exact:
          // the default setting would normalise every line break to "\n".
          EditorState.lineSeparator.of('\n'),
          lineNumbers(),
          highlightActiveLineGutter(),
          highlightSpecialChars(),
          history(),
          foldGutter(),
          drawSelection(),
          dropCursor(),
          EditorState.allowMultipleSelections.of(true),
          indentOnInput(),
          bracketMatching(),
          rectangularSelection(),
          highlightActiveLine(),
          highlightSelectionMatches(),
          search({ top: true }),
          // Diagnostics are pushed from Rust; this linter source never produces any but
          // makes the lint extension (tooltips, panel keymap) active.
          linter(null),
          lintGutter(),
          keymap.of([...defaultKeymap, ...searchKeymap, ...historyKeymap, ...foldKeymap,
            ...lintKeymap, indentWithTab]),
          languageSlot.of(languageExtension(false)),
          themeSlot.of(themeExtension(false)),
          readOnlySlot.of([]),
          wrapSlot.of(wrapExtension(wrapsByDefault())),
          // tabindex: a read-only editor still takes focus, so a keyboard can scroll it.
          EditorView.contentAttributes.of({ 'aria-label': 'Code editor', tabindex: '0' }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) onChange();
          }),
        ],
      }),
    });
  }

  getText() {
    return this.view.state.doc.toString();
  }

  // Replaces the whole text as one undoable transaction.
  setText(text) {
    const view = this.view;
    view.dispatch({
      changes: { from: 0, to: view.state.doc.length, insert: text },
      selection: EditorSelection.cursor(0),
      scrollIntoView: true,
      // Its own undo step: never merged with typing or another load just before it.
      annotations: isolateHistory.of('full'),
    });
  }

  // Shows the file `toPath` with `text`: the shown file's state is kept under `fromPath`,
  // and `toPath`'s kept state comes back (its undo history with it) if its text is still
  // `text`. Not an edit: nothing is linted or undoable by it.
  showFile(fromPath, toPath, text) {
    this.files.set(fromPath, this.view.state);
    const kept = this.files.get(toPath);
    this.files.delete(toPath);
    this.view.setState(kept && kept.doc.toString() === text
      ? kept
      : EditorState.create({ doc: text, extensions: this.extensions }));
    // A kept state's theme and language are as they were when it was put aside.
    this.view.dispatch({ effects: [
      themeSlot.reconfigure(themeExtension(this.dark)),
      languageSlot.reconfigure(languageExtension(this.typescript)),
    ] });
  }

  renameFile(fromPath, toPath) {
    const kept = this.files.get(fromPath);
    this.files.delete(fromPath);
    if (kept) this.files.set(toPath, kept);
  }

  // Forgets every kept file but the shown one (a project opened or closed).
  forgetFiles() {
    this.files.clear();
  }

  // `json`: {helps: [text], items: [[from, to, severity, rule, message, help]]} in UTF-16
  // offsets; `rule` is null for a syntax error, `help` an index into `helps` or -1.
  // Nothing is dispatched when the editor already shows exactly these: a result after an
  // edit usually has the same findings, which CodeMirror has moved along with the text,
  // and re-setting hundreds of them costs milliseconds per edit.
  setDiagnostics(json) {
    const view = this.view;
    const { helps, items } = JSON.parse(json);
    const diagnostics = items.map(([from, to, severity, rule, message, helpIndex]) => {
      const d = { rule, message, help: helpIndex >= 0 ? helps[helpIndex] : null };
      return {
        from: clamp(view, from),
        to: clamp(view, to),
        severity,
        message: d.help ? `${message}\nHelp: ${d.help}` : message,
        source: rule || 'syntax',
        renderMessage: renderMessage(d),
      };
    });
    if (this.shows(diagnostics)) return;
    this.shown = diagnostics;
    view.dispatch(setDiagnostics(view.state, diagnostics));
  }

  // Whether the editor shows exactly `diagnostics`: the ones last set, at the places
  // CodeMirror has mapped them to through the edits since, with the same texts. Those
  // are looked up in the current state, so another file shown since never matches.
  shows(diagnostics) {
    const shown = this.shown;
    if (!shown || shown.length !== diagnostics.length) return false;
    const places = new Map();
    forEachDiagnostic(this.view.state, (d, from, to) => places.set(d, [from, to]));
    if (places.size !== shown.length) return false;
    return diagnostics.every((d, i) => {
      const old = shown[i];
      const place = places.get(old);
      return place !== undefined && place[0] === d.from && place[1] === d.to
        && old.severity === d.severity && old.source === d.source && old.message === d.message;
    });
  }

  // `focus` false: select without taking the focus or scrolling anything, as when a
  // finding is picked from the list on a phone (focus would open the keyboard).
  setSelection(from, to, focus = true) {
    const view = this.view;
    const selection = EditorSelection.range(clamp(view, from), clamp(view, to));
    if (!focus) {
      view.dispatch({ selection });
      return;
    }
    view.dispatch({
      selection,
      effects: EditorView.scrollIntoView(clamp(view, from), { y: 'center' }),
    });
    view.focus();
  }

  // `json`: [{from, to, insert}] in UTF-16 offsets of the current text, applied as
  // one transaction so a single undo reverts them all.
  applyEdits(json) {
    const view = this.view;
    const changes = JSON.parse(json).map((e) => ({
      from: clamp(view, e.from),
      to: clamp(view, e.to),
      insert: e.insert,
    }));
    if (changes.length === 0) return;
    // The cursor goes to the start of the first changed line, and the view scrolls there
    // with its left edge at the line's start. Scrolling to wherever the old selection
    // mapped (often the end of a long inserted line) scrolled the editor sideways and hid
    // the start of every line.
    const first = Math.min(...changes.map((c) => c.from));
    const line = view.state.doc.lineAt(first);
    view.dispatch({
      changes,
      selection: EditorSelection.cursor(line.from),
      // A margin wider than the editor (CodeMirror caps it at the width) makes 'start'
      // clamp at the left edge instead of stopping a pixel or so short of it.
      effects: EditorView.scrollIntoView(line.from, { y: 'center', x: 'start', xMargin: 100000 }),
      userEvent: 'input.rewrite',
      annotations: isolateHistory.of('full'),
    });
  }

  undo() {
    return undoCommand(this.view);
  }

  setLineWrapping(wrap) {
    this.view.dispatch({ effects: wrapSlot.reconfigure(wrapExtension(wrap)) });
  }

  setDark(dark) {
    // A reconfiguration rebuilds the editor's extensions: only for a real change.
    if (dark === this.dark) return;
    this.dark = dark;
    this.view.dispatch({ effects: themeSlot.reconfigure(themeExtension(dark)) });
  }

  setTypeScript(typescript) {
    if (typescript === this.typescript) return;
    this.typescript = typescript;
    this.view.dispatch({ effects: languageSlot.reconfigure(languageExtension(typescript)) });
  }

  // Read-only still lets the reader select, copy and read the tooltips.
  setReadOnly(readOnly) {
    this.view.dispatch({ effects: readOnlySlot.reconfigure(readOnly
      ? [EditorState.readOnly.of(true), EditorView.contentAttributes.of({ 'aria-readonly': 'true' })]
      : []) });
  }

  focus() {
    this.view.focus();
  }

  destroy() {
    this.view.destroy();
  }
}

// The most recent editor, for the end-to-end tests and the benchmark to read the
// exact text (the DOM cannot show a "\r").
export let active = null;

// Undoes the last change of the most recent editor, for an Undo button or Ctrl+Z pressed
// outside the editor; false when there was nothing to undo.
export function undoActive() {
  return active ? active.undo() : false;
}

// Whether the editors' lines wrap now (the reader's choice, or the default for the width).
export function lineWrapping() {
  return wrapsByDefault();
}

// The reader's choice of line wrapping, for the editor shown and those mounted later.
export function setLineWrapping(wrap) {
  wrapChoice = wrap;
  active?.setLineWrapping(wrap);
}

export function createEditor(parent, doc, onChange) {
  active = new EditorHandle(parent, doc, onChange);
  return active;
}

// Code shown but not edited (the presenter's slides): the editor's own parser and
// highlighting tags, as runs `[[text, classes], …]` that join back into `code`; the
// classes are @lezer/highlight's `tok-*` names, coloured by static/workshop.css.
export function highlight(code) {
  const runs = [];
  highlightCode(code, javascriptLanguage.parser.parse(code), classHighlighter,
    (text, classes) => runs.push([text, classes]),
    () => runs.push(['\n', '']));
  return runs;
}
