'use strict';
// Where each rule's documentation is. The pages are the repository's content/rules/*.md,
// which scripts/build-eslint-plugin.sh copies into the package (docs/rules/), so a rule's
// link opens the page installed with the plugin: it works offline and matches the
// installed version. When the rule pages have a public home (the repository's
// content/rules/ or the playground's rule pages), change DOCS_BASE_URL alone.

const path = require('node:path');
const { pathToFileURL } = require('node:url');

/** The one place the docs' base URL is decided; it ends with `/`. */
const DOCS_BASE_URL = pathToFileURL(path.join(__dirname, '..', 'docs', 'rules') + path.sep).href;

/** The URL of a rule's page: `<base><rule id>.md`, as content/rules/ names them. */
function ruleDocsUrl(ruleId) {
  return `${DOCS_BASE_URL}${ruleId}.md`;
}

module.exports = { DOCS_BASE_URL, ruleDocsUrl };
