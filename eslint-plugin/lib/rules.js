'use strict';
// The three lint-core rules as ESLint rules. Each one asks the engine for the file's
// result (linted once, shared by the rules) and reports only its own findings, at the
// positions and with the suggestions `phoenix-lint --format json` gives.

const { resultFor, ruleInfos } = require('./engine');
const { ruleDocsUrl } = require('./docs');

/** ESLint's `loc` counts columns from 0; lint-core's ESLint messages, like ESLint's
 *  reports, count them from 1. Lines are 1-based in both. */
function locOf(message) {
  const start = { line: message.line, column: message.column - 1 };
  if (message.endLine === undefined) {
    return { start, end: start };
  }
  return { start, end: { line: message.endLine, column: message.endColumn - 1 } };
}

/** A rewrite as an ESLint suggestion: its one merged fix, in UTF-16 offsets of the text
 *  ESLint holds (the same text the engine linted). `desc` says what the rewrite needs. */
function suggestionOf(suggestion) {
  const { range, text } = suggestion.fix;
  return { desc: suggestion.desc, fix: (fixer) => fixer.replaceTextRange(range, text) };
}

function makeRule({ id, summary }) {
  return {
    meta: {
      type: 'problem',
      docs: { description: summary, recommended: true, url: ruleDocsUrl(id) },
      hasSuggestions: true,
      schema: [],
      messages: {
        finding: '{{ message }}',
        unreadable: 'The phoenix rules could not lint all of this file: {{ message }}',
      },
    },
    create(context) {
      const sourceCode = context.sourceCode;
      return {
        Program() {
          const result = resultFor(sourceCode, context.filename);
          // Whichever of the rules runs first says it once, not once per rule.
          if (result.unreadable !== null && !result.unreadableReported) {
            result.unreadableReported = true;
            context.report({
              loc: locOf(result.unreadable),
              messageId: 'unreadable',
              data: { message: result.unreadable.message },
            });
          }
          for (const message of result.byRule.get(id) ?? []) {
            context.report({
              loc: locOf(message),
              messageId: 'finding',
              data: { message: message.message },
              suggest: (message.suggestions ?? []).map(suggestionOf),
            });
          }
        },
      };
    },
  };
}

/** Every lint-core rule, by id; the wasm lists them, so a new rule needs no change here. */
const rules = Object.fromEntries(ruleInfos().map((info) => [info.id, makeRule(info)]));

module.exports = { rules };
