'use strict';
// Each rule through ESLint's own RuleTester, under ESLint 10 (`eslint`) and ESLint 9
// (`eslint9`, an npm alias), with positions written out by hand and suggestions checked
// against phoenix-lint: each suggestion's text and the code it produces must be the ones
// the CLI's `--format json` gives for the same source.

const { describe, it } = require('node:test');
const tsParser = require('@typescript-eslint/parser');
const { rules } = require('..');
const { cliMessages, applyFix } = require('./helpers');

/** The suggestions phoenix-lint offers for the finding of `ruleId` at `line`:`column`,
 *  as RuleTester expects them (the description and the whole fixed output). */
function cliSuggestions(code, filename, ruleId, line, column) {
  const finding = cliMessages(code, filename).find(
    (m) => m.ruleId === ruleId && m.line === line && m.column === column,
  );
  if (finding === undefined) {
    throw new Error(`phoenix-lint reports no ${ruleId} at ${line}:${column}`);
  }
  return (finding.suggestions ?? []).map((s) => ({ desc: s.desc, output: applyFix(code, s.fix) }));
}

/** An invalid case whose single error is at the given position. */
function invalid({ code, filename = 'app.js', ruleId, message, line, column, endLine, endColumn, ...rest }) {
  const suggestions = cliSuggestions(code, filename, ruleId, line, column);
  if (suggestions.length === 0) {
    throw new Error(`expected phoenix-lint to offer a rewrite for ${ruleId} at ${line}:${column}`);
  }
  return { code, filename, ...rest, errors: [{ message, line, column, endLine, endColumn, suggestions }] };
}

const deeplyNested = `const x = ${'['.repeat(600)}${']'.repeat(600)};\n`;
const binary = '// \0\nconst x = 1;\n';

/** A refused input is one `unreadable` message from whichever rule runs. */
const refused = [
  {
    code: deeplyNested,
    filename: 'deep.js',
    // Where the guard stopped counting, 300 brackets (lint-core's limit) after `const x = `.
    errors: [{ message: /could not lint all of this file: This code is too deeply nested/, line: 1, column: 310 }],
  },
  {
    code: binary,
    filename: 'binary.js',
    errors: [{ message: /could not lint all of this file: This looks like a binary file/, line: 1, column: 4 }],
  },
];

const counter = `const express = require('express');
const app = express();
let hits = 0;
app.get('/', (req, res) => {
  hits++;
  res.send(String(hits));
});
`;

const localCounter = `const express = require('express');
const app = express();
app.get('/', (req, res) => {
  let hits = 0;
  hits++;
  res.send(String(hits));
});
`;

const visitsTs = `import express, { Request, Response } from 'express';
const app = express();
const visits: string[] = [];
app.get('/', (req: Request, res: Response) => {
  visits.push(req.path);
  res.json({ count: visits.length });
});
`;

const memorySession = `const express = require('express');
const session = require('express-session');
const app = express();
app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false }));
app.get('/', (req, res) => res.send(req.session.id));
`;

const redisSession = `const express = require('express');
const session = require('express-session');
const { RedisStore } = require('connect-redis');
const { createClient } = require('redis');
const redisClient = createClient({ url: process.env.REDIS_URL });
redisClient.on('error', (err) => console.error(err));
redisClient.connect();
const app = express();
app.use(session({ store: new RedisStore({ client: redisClient }), secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false }));
app.get('/', (req, res) => res.send(req.session.id));
`;

const diskUploads = `const express = require('express');
const multer = require('multer');
const app = express();
const upload = multer({ dest: 'uploads/' });
app.post('/photos', upload.single('photo'), (req, res) => res.json({ name: req.file.filename }));
`;

const memoryUploads = `const express = require('express');
const multer = require('multer');
const app = express();
const upload = multer({ storage: multer.memoryStorage() });
app.post('/photos', upload.single('photo'), (req, res) => res.json({ size: req.file.size }));
`;

for (const eslintPackage of ['eslint', 'eslint9']) {
  const { RuleTester } = require(eslintPackage);
  const { version } = require(`${eslintPackage}/package.json`);

  describe(`ESLint ${version}`, () => {
    RuleTester.describe = describe;
    RuleTester.it = it;
    RuleTester.itOnly = it.only;
    const ruleTester = new RuleTester({ languageOptions: { ecmaVersion: 'latest', sourceType: 'commonjs' } });

    ruleTester.run('no-global-state', rules['no-global-state'], {
      valid: [
        { code: localCounter, filename: 'app.js' },
        // Another rule's finding is not this rule's to report.
        { code: diskUploads, filename: 'app.js' },
      ],
      invalid: [
        invalid({
          code: counter,
          ruleId: 'no-global-state',
          message: "`hits` is a counter in this process's memory, changed by a request handler.",
          line: 5,
          column: 3,
          endLine: 5,
          endColumn: 9,
        }),
        // The parser in use does not matter: the rule reads the source text.
        invalid({
          code: visitsTs,
          filename: 'app.ts',
          languageOptions: { parser: tsParser, sourceType: 'module' },
          ruleId: 'no-global-state',
          message: /^`visits` /,
          line: 5,
          column: 3,
          endLine: 5,
          endColumn: 24,
        }),
        ...refused,
      ],
    });

    ruleTester.run('no-local-sessions', rules['no-local-sessions'], {
      valid: [
        { code: redisSession, filename: 'app.js' },
        { code: counter, filename: 'app.js' },
      ],
      invalid: [
        invalid({
          code: memorySession,
          ruleId: 'no-local-sessions',
          message: /^express-session has no `store`/,
          line: 4,
          column: 9,
          endLine: 4,
          endColumn: 97,
        }),
        ...refused,
      ],
    });

    ruleTester.run('no-local-uploads', rules['no-local-uploads'], {
      valid: [
        { code: memoryUploads, filename: 'app.js' },
        { code: memorySession, filename: 'app.js' },
      ],
      invalid: [
        invalid({
          code: diskUploads,
          ruleId: 'no-local-uploads',
          message: /^multer saves uploaded files to `uploads\/` on this server's disk/,
          line: 4,
          column: 16,
          endLine: 4,
          endColumn: 44,
        }),
        ...refused,
      ],
    });
  });
}
