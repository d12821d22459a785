//! Runs the built `phoenix-lint` binary on files it makes in a temporary folder.

use std::{
    collections::BTreeSet,
    io::Write,
    path::{Path, PathBuf},
    process::{Command, Stdio},
};

use serde_json::Value;

const UPLOADS: &str = "\
const express = require('express');
const multer = require('multer');
const app = express();
const upload = multer({ dest: 'uploads/' });

app.post('/photos', upload.single('photo'), (req, res) => {
  res.json({ file: req.file.filename });
});
";

const SESSIONS: &str = "\
const express = require('express');
const session = require('express-session');
const app = express();
app.use(session({ secret: 's', resave: false, saveUninitialized: false }));
";

const GLOBAL_STATE: &str = "\
const express = require('express');
const app = express();
let hits = 0;
app.get('/', (req, res) => {
  hits++;
  res.send(String(hits));
});
";

const CLEAN: &str = "\
const express = require('express');
const app = express();
app.get('/', (req, res) => res.send('ok'));
";

const SYNTAX_ERROR: &str = "const app = require('express')();\napp.get('/', (req, res) => {\n";

/// A folder of its own per test, since tests run in parallel; removed when dropped.
struct Fixture {
    root: PathBuf,
}

impl Fixture {
    fn new(test: &str, files: &[(&str, &[u8])]) -> Self {
        let root =
            std::env::temp_dir().join(format!("phoenix-lint-it-{test}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(&root).unwrap();
        for (name, content) in files {
            let path = root.join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, content).unwrap();
        }
        Self { root }
    }

    fn run(&self, args: &[&str]) -> Run {
        self.run_with_stdin(args, None)
    }

    fn spawn(&self, args: &[&str]) -> std::process::Child {
        Command::new(env!("CARGO_BIN_EXE_phoenix-lint"))
            .args(args)
            .current_dir(&self.root)
            // The worker thread must bring its own stack, not inherit the tests' setting.
            .env_remove("RUST_MIN_STACK")
            .env_remove("NO_COLOR")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    }

    fn run_with_stdin(&self, args: &[&str], stdin: Option<&[u8]>) -> Run {
        let mut child = self.spawn(args);
        let mut pipe = child.stdin.take().unwrap();
        if let Some(bytes) = stdin {
            pipe.write_all(bytes).unwrap();
        }
        drop(pipe);
        let output = child.wait_with_output().unwrap();
        Run {
            code: output.status.code().expect("exited normally"),
            stdout: String::from_utf8(output.stdout).unwrap(),
            stderr: String::from_utf8(output.stderr).unwrap(),
        }
    }

    /// Every file and folder below the root, to show that a run wrote nothing.
    fn listing(&self) -> BTreeSet<(PathBuf, u64)> {
        fn walk(dir: &Path, out: &mut BTreeSet<(PathBuf, u64)>) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let entry = entry.unwrap();
                let meta = entry.metadata().unwrap();
                out.insert((entry.path(), meta.len()));
                if meta.is_dir() {
                    walk(&entry.path(), out);
                }
            }
        }
        let mut out = BTreeSet::new();
        walk(&self.root, &mut out);
        out
    }
}

impl Drop for Fixture {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

#[derive(Debug)]
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("{e}: {}", self.stdout))
    }
}

fn rule_ids(file: &Value) -> Vec<String> {
    file["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["ruleId"].as_str().unwrap_or("<fatal>").to_owned())
        .collect()
}

// ---- usage ----

#[test]
fn no_path_prints_usage_and_exits_2() {
    let fx = Fixture::new("no-path", &[]);
    let run = fx.run(&[]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("Usage: phoenix-lint"), "{}", run.stderr);
    assert!(run.stdout.is_empty());
}

#[test]
fn help_and_version_exit_0() {
    let fx = Fixture::new("help", &[]);
    let help = fx.run(&["--help"]);
    assert_eq!(help.code, 0);
    for option in [
        "--format",
        "--stdin-filename",
        "--explain",
        "--rule",
        "--color",
    ] {
        assert!(
            help.stdout.contains(option),
            "{option} missing from\n{}",
            help.stdout
        );
    }
    let version = fx.run(&["--version"]);
    assert_eq!(
        (version.code, version.stdout.trim()),
        (0, "phoenix-lint 0.1.0")
    );
}

#[test]
fn explain_prints_the_rule_doc() {
    let fx = Fixture::new("explain", &[]);
    let run = fx.run(&["--explain", "no-local-sessions"]);
    assert_eq!(run.code, 0);
    let doc = lint_core::rule_doc(lint_core::RuleId::NoLocalSessions);
    assert!(run.stdout.starts_with(doc.trim_end()), "{}", run.stdout);
    // Then what the rewrites need, one line each.
    let needs = run
        .stdout
        .split_once("## What the rewrites need\n\n")
        .expect("a section on what the rewrites need")
        .1;
    assert!(
        needs.contains("connect-redis — needs: npm install connect-redis@9 redis@6; environment: REDIS_URL; service: Redis"),
        "{needs}"
    );
}

#[test]
fn explain_of_an_unknown_rule_lists_the_known_ones() {
    let fx = Fixture::new("explain-unknown", &[]);
    let run = fx.run(&["--explain", "no-cookies"]);
    assert_eq!(run.code, 2);
    for rule in lint_core::RuleId::ALL {
        assert!(run.stderr.contains(rule.as_str()), "{}", run.stderr);
    }
}

#[test]
fn bad_options_exit_2() {
    let fx = Fixture::new("bad-options", &[("a.js", CLEAN.as_bytes())]);
    for args in [
        &["--rule", "no-cookies", "a.js"][..],
        &["--format", "xml", "a.js"],
        &["--color", "sometimes", "a.js"],
        &["--stdin-filename", "x.js", "a.js"],
        &["-", "-"],
    ] {
        let run = fx.run(args);
        assert_eq!(run.code, 2, "{args:?}: {run:?}");
        assert!(run.stdout.is_empty(), "{args:?}: {run:?}");
        assert!(!run.stderr.is_empty(), "{args:?}");
    }
}

// ---- exit codes and formats ----

#[test]
fn clean_file_exits_0_in_every_format() {
    let fx = Fixture::new("clean", &[("app.js", CLEAN.as_bytes())]);
    let stylish = fx.run(&["app.js"]);
    assert_eq!((stylish.code, stylish.stdout.as_str()), (0, ""));
    let json = fx.run(&["--format", "json", "app.js"]);
    assert_eq!(json.code, 0);
    let expected = serde_json::json!([{
        "filePath": fx.root.join("app.js").to_string_lossy(),
        "messages": [], "suppressedMessages": [], "errorCount": 0, "fatalErrorCount": 0,
        "warningCount": 0, "fixableErrorCount": 0, "fixableWarningCount": 0,
        "usedDeprecatedRules": []
    }]);
    assert_eq!(json.json(), expected);
    let sarif = fx.run(&["--format", "sarif", "app.js"]);
    assert_eq!(sarif.code, 0);
    assert_eq!(sarif.json()["runs"][0]["results"], serde_json::json!([]));
}

#[test]
fn each_rule_is_reported_and_exits_1() {
    let fx = Fixture::new(
        "findings",
        &[
            ("uploads.js", UPLOADS.as_bytes()),
            ("sessions.js", SESSIONS.as_bytes()),
            ("global.js", GLOBAL_STATE.as_bytes()),
        ],
    );
    let run = fx.run(&["--format", "json", "uploads.js", "sessions.js", "global.js"]);
    assert_eq!(run.code, 1, "{run:?}");
    let json = run.json();
    assert_eq!(rule_ids(&json[0]), ["no-local-uploads"]);
    assert_eq!(rule_ids(&json[1]), ["no-local-sessions"]);
    assert_eq!(rule_ids(&json[2]), ["no-global-state"]);
    let upload = &json[0]["messages"][0];
    assert_eq!(
        (upload["line"].as_u64(), upload["column"].as_u64()),
        (Some(4), Some(16))
    );
    assert_eq!(upload["severity"], 2);
    assert_eq!(upload["nodeType"], Value::Null);
    assert!(upload.get("fatal").is_none());
    assert_eq!(json[0]["source"], UPLOADS);
    assert_eq!(json[0]["errorCount"], 1);
}

#[test]
fn stylish_output_of_each_rule() {
    let fx = Fixture::new(
        "stylish",
        &[
            ("uploads.js", UPLOADS.as_bytes()),
            ("sessions.js", SESSIONS.as_bytes()),
            ("global.js", GLOBAL_STATE.as_bytes()),
        ],
    );
    for name in ["uploads.js", "sessions.js", "global.js"] {
        let run = fx.run(&["--color", "never", name]);
        assert_eq!(run.code, 1, "{run:?}");
        insta::assert_snapshot!(name, run.stdout);
    }
}

#[test]
fn stylish_output_of_a_syntax_error() {
    let fx = Fixture::new("stylish-syntax", &[("broken.js", SYNTAX_ERROR.as_bytes())]);
    let run = fx.run(&["--color", "never", "broken.js"]);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!("syntax-error", run.stdout);
}

#[test]
fn colors_follow_the_color_option() {
    let fx = Fixture::new("color", &[("global.js", GLOBAL_STATE.as_bytes())]);
    // Auto: stdout is a pipe here, so no colors.
    assert!(!fx.run(&["global.js"]).stdout.contains('\x1b'));
    assert!(
        fx.run(&["--color", "always", "global.js"])
            .stdout
            .contains("\x1b[")
    );
    assert!(
        !fx.run(&["--color", "never", "global.js"])
            .stdout
            .contains('\x1b')
    );
}

#[test]
fn suggestions_are_one_eslint_fix_each_in_utf16_offsets() {
    // The emoji makes UTF-16 offsets differ from byte offsets for everything after it.
    let source = format!("// 📸 photo service\n{UPLOADS}");
    let fx = Fixture::new("suggestions", &[("uploads.js", source.as_bytes())]);
    let json = fx.run(&["--format", "json", "uploads.js"]).json();
    let message = &json[0]["messages"][0];
    let expected = lint_core::lint(&source, &lint_core::LintOptions::for_file("uploads.js"));
    let rewrites = &expected.diagnostics[0].rewrites;
    let suggestions = message["suggestions"].as_array().unwrap();
    assert!(!suggestions.is_empty());
    assert_eq!(
        suggestions.len(),
        rewrites.iter().filter(|r| !r.edits.is_empty()).count()
    );
    let units: Vec<u16> = source.encode_utf16().collect();
    for (suggestion, rewrite) in suggestions.iter().zip(rewrites) {
        assert_eq!(suggestion["desc"], rewrite.description().as_str());
        assert!(
            rewrite.needs.is_empty() || suggestion["desc"].as_str().unwrap().contains("needs: "),
            "{suggestion}"
        );
        let range = suggestion["fix"]["range"].as_array().unwrap();
        let (start, end) = (
            range[0].as_u64().unwrap() as usize,
            range[1].as_u64().unwrap() as usize,
        );
        let mut fixed = String::from_utf16(&units[..start]).unwrap();
        fixed.push_str(suggestion["fix"]["text"].as_str().unwrap());
        fixed.push_str(&String::from_utf16(&units[end..]).unwrap());
        assert_eq!(fixed, rewrite.apply(&source), "{}", rewrite.title);
    }
}

#[test]
fn sarif_for_code_scanning() {
    let fx = Fixture::new("sarif", &[("src/uploads.js", UPLOADS.as_bytes())]);
    let run = fx.run(&["--format", "sarif", "src"]);
    assert_eq!(run.code, 1);
    let sarif = run.json();
    assert_eq!(sarif["version"], "2.1.0");
    assert!(sarif["$schema"].as_str().unwrap().contains("sarif-2.1.0"));
    let driver = &sarif["runs"][0]["tool"]["driver"];
    assert_eq!(driver["name"], "phoenix-lint");
    let ids: Vec<_> = driver["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].clone())
        .collect();
    let registered: Vec<serde_json::Value> = lint_core::RuleId::ALL
        .iter()
        .map(|r| r.as_str().into())
        .collect();
    assert_eq!(ids, registered);
    for rule in driver["rules"].as_array().unwrap() {
        // The whole doc travels as help: the project has no public rule pages to link.
        assert!(
            rule["help"]["markdown"]
                .as_str()
                .unwrap()
                .contains("## What it finds")
        );
        assert_ne!(
            rule["fullDescription"]["text"],
            rule["shortDescription"]["text"]
        );
        assert!(
            !rule["shortDescription"]["text"]
                .as_str()
                .unwrap()
                .is_empty()
        );
        assert!(!rule["help"]["markdown"].as_str().unwrap().is_empty());
    }
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 1);
    let result = &results[0];
    assert_eq!(result["ruleId"], "no-local-uploads");
    assert_eq!(result["level"], "error");
    let location = &result["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], "src/uploads.js");
    assert_eq!(location["region"]["startLine"], 4);
    assert_eq!(location["region"]["startColumn"], 16);
    let related = result["relatedLocations"].as_array().unwrap();
    assert!(
        related.iter().any(|r| r["message"]["text"]
            .as_str()
            .unwrap()
            .contains("POST /photos")),
        "{related:?}"
    );
}

// ---- inputs ----

#[test]
fn rule_option_limits_the_run() {
    let both = format!(
        "{UPLOADS}let hits = 0;\napp.get('/hits', (req, res) => {{ hits++; res.end(); }});\n"
    );
    let fx = Fixture::new("rule-option", &[("app.js", both.as_bytes())]);
    let all = fx.run(&["--format", "json", "app.js"]).json();
    assert_eq!(rule_ids(&all[0]), ["no-local-uploads", "no-global-state"]);
    let only = fx
        .run(&["--format", "json", "--rule", "no-global-state", "app.js"])
        .json();
    assert_eq!(rule_ids(&only[0]), ["no-global-state"]);
    let run = fx.run(&["--rule", "no-local-sessions", "app.js"]);
    assert_eq!((run.code, run.stdout.as_str()), (0, ""));
}

#[test]
fn folders_are_searched_skipping_node_modules_and_dot_folders() {
    let fx = Fixture::new(
        "folders",
        &[
            ("app/server.js", GLOBAL_STATE.as_bytes()),
            ("app/routes/upload.ts", UPLOADS.as_bytes()),
            ("app/routes/clean.mjs", CLEAN.as_bytes()),
            ("app/README.md", b"# not code"),
            ("app/node_modules/express/index.js", GLOBAL_STATE.as_bytes()),
            ("app/.git/hooks/pre-commit.js", GLOBAL_STATE.as_bytes()),
            ("app/routes/.cache/old.js", GLOBAL_STATE.as_bytes()),
        ],
    );
    let run = fx.run(&["--format", "json", "app"]);
    assert_eq!(run.code, 1);
    let json = run.json();
    let paths: Vec<String> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let path = PathBuf::from(f["filePath"].as_str().unwrap());
            path.strip_prefix(&fx.root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    assert_eq!(
        paths,
        [
            "app/routes/clean.mjs",
            "app/routes/upload.ts",
            "app/server.js"
        ]
    );
    assert_eq!(rule_ids(&json[0]), Vec::<String>::new());
    assert_eq!(rule_ids(&json[1]), ["no-local-uploads"]);
    assert_eq!(rule_ids(&json[2]), ["no-global-state"]);
}

/// A folder of files with findings of every rule, the first ones much larger than the
/// rest, so that with several workers the small files finish first.
fn many_files_fixture(test: &str) -> Fixture {
    let big = format!(
        "{UPLOADS}{}",
        GLOBAL_STATE.repeat(300).replace("let hits", "var hits")
    );
    let mut files: Vec<(String, Vec<u8>)> = vec![
        ("src/a-big.js".into(), big.clone().into_bytes()),
        ("src/b-big.ts".into(), big.into_bytes()),
        ("src/broken.js".into(), SYNTAX_ERROR.as_bytes().to_vec()),
    ];
    for i in 0..12 {
        let text = [UPLOADS, SESSIONS, GLOBAL_STATE, CLEAN][i % 4];
        files.push((format!("src/nested/f{i:02}.js"), text.as_bytes().to_vec()));
    }
    let files: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(name, text)| (name.as_str(), text.as_slice()))
        .collect();
    Fixture::new(test, &files)
}

#[test]
fn parallel_runs_print_exactly_what_a_single_worker_prints() {
    let fx = many_files_fixture("jobs");
    for format in ["stylish", "json", "sarif", "diff"] {
        let one = fx.run(&["--format", format, "-j", "1", "src"]);
        assert_eq!(one.code, 1, "{format}: {}", one.stderr);
        assert!(one.stdout.contains("b-big.ts"), "{format}: {}", one.stdout);
        for jobs in [&["-j", "2"][..], &["--jobs", "4"], &[]] {
            let many = fx.run(&[&["--format", format][..], jobs, &["src"]].concat());
            assert_eq!(many.code, one.code, "{format} {jobs:?}");
            assert_eq!(many.stdout, one.stdout, "{format} {jobs:?}");
            assert_eq!(many.stderr, one.stderr, "{format} {jobs:?}");
        }
    }
    let zero = fx.run(&["-j", "0", "src"]);
    assert_eq!(zero.code, 2, "{}", zero.stderr);
}

#[test]
fn timings_go_to_stderr_and_leave_the_report_alone() {
    let fx = many_files_fixture("timings");
    let plain = fx.run(&["--format", "json", "src"]);
    let timed = fx.run(&["--format", "json", "--timings", "src"]);
    assert_eq!((timed.code, &timed.stdout), (plain.code, &plain.stdout));
    assert!(
        timed.stderr.contains("timings: 15 files"),
        "{}",
        timed.stderr
    );
    for part in [
        "read",
        "parse + semantic alone",
        "  parse\n",
        "  semantic model\n",
        "rules and results",
        "handler table",
        "  no-local-uploads (",
        "  no-local-sessions (",
        "  no-global-state (",
        "wall time",
        "output",
    ] {
        assert!(timed.stderr.contains(part), "{part}: {}", timed.stderr);
    }
}

#[test]
fn stdin_takes_its_dialect_and_name_from_stdin_filename() {
    let fx = Fixture::new("stdin", &[]);
    let typescript = b"const port: number = 3000;\nexport default port;\n";
    let as_ts = fx.run_with_stdin(
        &["--format", "json", "--stdin-filename", "src/app.ts", "-"],
        Some(typescript),
    );
    assert_eq!(as_ts.code, 0, "{as_ts:?}");
    assert_eq!(
        as_ts.json()[0]["filePath"],
        fx.root.join("src/app.ts").to_string_lossy().as_ref()
    );
    let as_js = fx.run_with_stdin(
        &["--format", "json", "--stdin-filename", "app.js", "-"],
        Some(typescript),
    );
    assert_eq!(as_js.code, 1);
    assert_eq!(as_js.json()[0]["messages"][0]["fatal"], true);

    let named = fx.run_with_stdin(
        &[
            "--color",
            "never",
            "--stdin-filename",
            "routes/hits.js",
            "-",
        ],
        Some(GLOBAL_STATE.as_bytes()),
    );
    assert_eq!(named.code, 1);
    assert!(
        named.stdout.contains("--> routes/hits.js:"),
        "{}",
        named.stdout
    );
    assert!(
        named.stdout.contains("error[no-global-state]")
            || named.stdout.contains("warning[no-global-state]")
    );

    let unnamed = fx.run_with_stdin(&["--format", "json", "-"], Some(CLEAN.as_bytes()));
    assert_eq!(unnamed.code, 0);
    assert_eq!(unnamed.json()[0]["filePath"], "<text>");
}

// ---- files that cannot be linted ----

#[test]
fn syntax_error_is_a_fatal_message() {
    let fx = Fixture::new("syntax", &[("broken.js", SYNTAX_ERROR.as_bytes())]);
    let run = fx.run(&["--format", "json", "broken.js"]);
    assert_eq!(run.code, 1);
    let file = &run.json()[0];
    let message = &file["messages"][0];
    let mut keys: Vec<&str> = message
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    // Which keys, whatever order serde_json's map keeps them in (sorted, or as written when
    // its preserve_order feature is on); the order is checked in the formatter's unit tests.
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "column", "fatal", "line", "message", "nodeType", "ruleId", "severity"
        ]
    );
    assert_eq!(message["ruleId"], Value::Null);
    assert_eq!(message["severity"], 2);
    assert!(
        message["message"]
            .as_str()
            .unwrap()
            .starts_with("Syntax error"),
        "{message}"
    );
    assert_eq!(
        (
            file["errorCount"].as_u64(),
            file["fatalErrorCount"].as_u64()
        ),
        (Some(1), Some(1))
    );
    assert_eq!(file["source"], SYNTAX_ERROR);
}

#[test]
fn non_utf8_and_binary_files_are_reported_and_the_rest_still_linted() {
    let fx = Fixture::new(
        "encodings",
        &[
            ("a-latin1.js", b"const caf\xE9 = 1;\n"),
            ("b-binary.js", b"\x7fELF\x00\x00\x01"),
            ("c-global.js", GLOBAL_STATE.as_bytes()),
        ],
    );
    let run = fx.run(&["--format", "json", "."]);
    assert_eq!(run.code, 1, "{run:?}");
    let json = run.json();
    let latin1 = &json[0]["messages"][0];
    assert_eq!(latin1["fatal"], true);
    assert!(
        latin1["message"]
            .as_str()
            .unwrap()
            .contains("not valid UTF-8"),
        "{latin1}"
    );
    assert_eq!(
        (latin1["line"].as_u64(), latin1["column"].as_u64()),
        (Some(1), Some(10))
    );
    assert!(
        json[0].get("source").is_none(),
        "no text to show for undecodable bytes"
    );
    let binary = &json[1]["messages"][0];
    assert_eq!(binary["fatal"], true);
    assert!(
        binary["message"].as_str().unwrap().contains("binary"),
        "{binary}"
    );
    assert_eq!(rule_ids(&json[2]), ["no-global-state"]);

    let stylish = fx.run(&["--color", "never", "."]);
    assert!(
        stylish.stdout.contains("--> ./a-latin1.js:1:10"),
        "{}",
        stylish.stdout
    );
    assert!(stylish.stdout.contains("not valid UTF-8"));
}

#[test]
fn unreadable_paths_exit_2_and_the_rest_are_still_linted() {
    let fx = Fixture::new("unreadable", &[("global.js", GLOBAL_STATE.as_bytes())]);
    let run = fx.run(&["--format", "json", "missing.js", "global.js"]);
    assert_eq!(run.code, 2);
    let json = run.json();
    let missing = &json[0]["messages"][0];
    assert_eq!(missing["fatal"], true);
    assert!(
        missing["message"]
            .as_str()
            .unwrap()
            .starts_with("Could not read this file"),
        "{missing}"
    );
    assert_eq!(rule_ids(&json[1]), ["no-global-state"]);

    let sarif = fx.run(&["--format", "sarif", "missing.js"]);
    assert_eq!(sarif.code, 2);
    let invocation = &sarif.json()["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let note = &invocation["toolExecutionNotifications"][0];
    assert_eq!(
        note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "missing.js"
    );
}

#[test]
fn deep_nesting_is_linted_on_the_worker_stack_or_refused() {
    // Just under lint-core's nesting limit. The parser recurses per level, so on too small
    // a stack this crashes the process (it does with 256 KiB in a debug build).
    let depth = lint_core::MAX_NESTING_DEPTH - 10;
    let deep = format!("const x = {}1{};\n", "[".repeat(depth), "]".repeat(depth));
    let too_deep = format!("const x = {}1{};\n", "[".repeat(5000), "]".repeat(5000));
    let fx = Fixture::new(
        "deep",
        &[
            ("deep.js", deep.as_bytes()),
            ("too-deep.js", too_deep.as_bytes()),
        ],
    );
    let run = fx.run(&["--format", "json", "deep.js", "too-deep.js"]);
    assert_eq!(run.code, 1, "{run:?}");
    let json = run.json();
    assert_eq!(json[0]["messages"], serde_json::json!([]));
    assert!(
        json[1]["messages"][0]["message"]
            .as_str()
            .unwrap()
            .contains("too deeply nested")
    );
}

#[test]
fn a_run_writes_nothing() {
    let fx = Fixture::new(
        "read-only",
        &[
            ("uploads.js", UPLOADS.as_bytes()),
            ("broken.js", SYNTAX_ERROR.as_bytes()),
        ],
    );
    let before = fx.listing();
    for format in ["stylish", "json", "sarif"] {
        fx.run(&["--format", format, "."]);
    }
    assert_eq!(fx.listing(), before);
}

#[test]
fn diff_is_apply_all_for_git_apply_and_writes_nothing() {
    let fixture = Fixture::new(
        "diff",
        &[
            ("src/state.js", GLOBAL_STATE.as_bytes()),
            ("sessions.js", SESSIONS.as_bytes()),
            ("clean.js", CLEAN.as_bytes()),
        ],
    );
    let before = fixture.listing();
    let run = fixture.run(&["--diff", "."]);
    assert_eq!(
        run.code, 1,
        "findings still make the status 1: {}",
        run.stderr
    );
    assert_eq!(fixture.listing(), before, "--diff must not write files");
    assert!(!run.stdout.contains("clean.js"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("--- a/src/state.js\n+++ b/src/state.js\n")
    );

    // `git apply` takes it, and the result is what lint-core's Apply all makes.
    std::fs::write(fixture.root.join("all.diff"), &run.stdout).unwrap();
    let applied = Command::new("git")
        .args(["apply", "all.diff"])
        .current_dir(&fixture.root)
        .output()
        .expect("git is installed");
    assert!(
        applied.status.success(),
        "{}",
        String::from_utf8_lossy(&applied.stderr)
    );
    for (name, source) in [("src/state.js", GLOBAL_STATE), ("sessions.js", SESSIONS)] {
        let diagnostics = lint_core::lint(
            source,
            &lint_core::LintOptions {
                file_name: Some(name.to_owned()),
                ..Default::default()
            },
        )
        .diagnostics;
        let plan = lint_core::plan_apply_all(&diagnostics);
        let expected = lint_core::apply_edits(source, &plan.edits);
        let got = std::fs::read_to_string(fixture.root.join(name)).unwrap();
        assert_eq!(got, expected, "{name}");
    }
    // Once applied, the rewritten files lint clean.
    assert_eq!(fixture.run(&["src/state.js", "sessions.js"]).code, 0);
}

/// The probes that aborted the whole run with "has overflowed its stack" (SIGABRT, exit
/// 134): nesting hidden from the guard behind a regular expression holding a quote, a
/// backtick or a comment start, behind JSX text, or in TypeScript type arguments separated
/// by commas. Each is now a clear per-file refusal, and the run reports every file.
#[test]
fn nesting_hidden_behind_lexical_tricks_is_refused_not_a_crash() {
    let parens = format!("{}1{}", "(".repeat(100_000), ")".repeat(100_000));
    let generics = format!(
        "type T = {}x{}>;\n",
        "A<k, ".repeat(100_000),
        ">, k".repeat(99_999)
    );
    let probes = [
        (
            "backtick.js",
            format!("const r = /`/; x = {parens}; const s = /`/;\n"),
        ),
        (
            "quote.js",
            format!("const r = /'/; x = {parens}; const s = /'/;\n"),
        ),
        (
            "double.js",
            format!("const r = /\"/; x = {parens}; const s = /\"/;\n"),
        ),
        (
            "comment.js",
            format!("const r = /[/*]/; x = {parens}; const s = /[*/]/;\n"),
        ),
        (
            "text.jsx",
            format!("const p = <p>don't {{{parens}}}</p>;\n"),
        ),
        ("generics.ts", generics),
    ];
    let files: Vec<(&str, &[u8])> = probes
        .iter()
        .map(|(name, text)| (*name, text.as_bytes()))
        .chain([("uploads.js", UPLOADS.as_bytes())])
        .collect();
    let fx = Fixture::new("hidden-nesting", &files);
    let names: Vec<&str> = files.iter().map(|(name, _)| *name).collect();
    let mut args = vec!["--format", "json"];
    args.extend(&names);
    let run = fx.run(&args);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let json = run.json();
    for (i, (name, _)) in probes.iter().enumerate() {
        let messages = json[i]["messages"].as_array().unwrap();
        assert_eq!(messages.len(), 1, "{name}: {messages:?}");
        assert!(
            messages[0]["message"]
                .as_str()
                .unwrap()
                .contains("too deeply nested"),
            "{name}: {}",
            messages[0]["message"]
        );
    }
    assert_eq!(rule_ids(&json[probes.len()]), ["no-local-uploads"]);
    let stylish = fx.run(&names);
    assert_eq!(stylish.code, 1, "{}", stylish.stderr);
    assert!(stylish.stdout.contains("too deeply nested"));
}

/// Characters that act on a terminal: escape sequences (title change, screen clear), bell,
/// carriage return, line feed, DEL, a C1 control and the right-to-left override.
const TERMINAL_ACTORS: [char; 7] = [
    '\u{1b}', '\u{7}', '\r', '\u{7f}', '\u{9b}', '\u{202e}', '\n',
];

/// Decoded string values reach messages and labels; raw control bytes sit in the source
/// lines of code frames; file names and `--stdin-filename` are printed as given. None may
/// reach the terminal raw, and no output line may be forged.
#[test]
fn text_from_the_linted_code_cannot_act_on_the_terminal() {
    let hostile = "const express = require('express');\n\
        const multer = require('multer');\n\
        const app = express();\n\
        const upload = multer({ dest: '\\u001b]0;PWNED\\u0007\\u001b[2J\\r\\u007f\\u009b\\u202e' });\n\
        app.post('/p\\u001b[2J\\u202e', upload.single('f'), (req, res) => res.end()); // \u{1b}[2J \u{7}\u{202e}\n";
    let forged = "a.js\nerror: fake finding\n --> elsewhere.js:1:1";
    let fx = Fixture::new("terminal", &[(forged, hostile.as_bytes())]);
    let stylish = fx.run(&["--color", "never", forged]);
    assert_eq!(stylish.code, 1, "{}", stylish.stderr);
    assert!(
        stylish.stdout.contains("\\u{1B}]0;PWNED\\u{7}"),
        "{}",
        stylish.stdout
    );
    assert!(
        stylish.stdout.contains("a.js\\u{A}error: fake finding"),
        "{}",
        stylish.stdout
    );
    for line in stylish.stdout.lines() {
        assert!(!line.starts_with("error: fake"), "a forged line: {line}");
        for c in TERMINAL_ACTORS {
            assert!(!line.contains(c), "{c:?} printed raw in {line:?}");
        }
    }

    let from_stdin = fx.run_with_stdin(
        &[
            "--color",
            "never",
            "--stdin-filename",
            "b.js\rerror: fake",
            "-",
        ],
        Some(hostile.as_bytes()),
    );
    assert!(
        from_stdin.stdout.contains("--> b.js\\u{D}error: fake"),
        "{}",
        from_stdin.stdout
    );
    assert!(!from_stdin.stdout.contains(['\r', '\u{1b}', '\u{202e}']));

    // The machine formats keep the exact text, as JSON escapes, never raw.
    for format in ["json", "sarif"] {
        let run = fx.run(&["--format", format, forged]);
        for c in TERMINAL_ACTORS.into_iter().filter(|&c| c != '\n') {
            assert!(!run.stdout.contains(c), "{format}: {c:?} printed raw");
        }
        assert!(run.stdout.contains("\\u202e"), "{format}: {}", run.stdout);
        let decoded = run.json().to_string();
        assert!(
            decoded.contains("\\u001b]0;PWNED"),
            "{format} decodes to the text"
        );
    }
}

/// Runs the CLI, killing it and failing the test if it has not finished within `limit`
/// (a read that blocks would otherwise hang the test run).
fn run_within(fx: &Fixture, args: &[&str], limit: std::time::Duration) -> Run {
    let mut child = fx.spawn(args);
    drop(child.stdin.take());
    let started = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > limit {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("phoenix-lint {args:?} still running after {limit:?}");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let output = child.wait_with_output().unwrap();
    Run {
        code: output.status.code().expect("exited normally"),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

/// A FIFO hung the run forever, `/dev/zero` grew to the memory limit and a 2 GB sparse
/// file took gigabytes (its NULs escaped into JSON's `source`). Each is now refused from
/// its type or size before any read, with a clear per-file error, and the rest of the run
/// is reported.
#[cfg(unix)]
#[test]
fn special_and_huge_files_are_refused_before_reading() {
    let fx = Fixture::new(
        "special",
        &[
            ("uploads.js", UPLOADS.as_bytes()),
            ("nul.js", b"let x = 1;\0\0\0\0"),
        ],
    );
    let fifo = fx.root.join("pipe.js");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let sparse = std::fs::File::create(fx.root.join("sparse.js")).unwrap();
    sparse.set_len(2 * 1024 * 1024 * 1024).unwrap();
    drop(sparse);
    let args = [
        "--format",
        "json",
        "pipe.js",
        "/dev/zero",
        "sparse.js",
        "nul.js",
        "uploads.js",
    ];
    let run = run_within(&fx, &args, std::time::Duration::from_secs(60));
    assert_eq!(
        run.code, 2,
        "unreadable files make the status 2: {}",
        run.stderr
    );
    let json = run.json();
    let message = |i: usize| {
        json[i]["messages"][0]["message"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    assert!(
        message(0).contains("named pipe (FIFO), not a regular file"),
        "{}",
        message(0)
    );
    assert!(
        message(1).contains("a device, not a regular file"),
        "{}",
        message(1)
    );
    assert!(
        message(2).contains("too large to lint (2048.0 MB)"),
        "{}",
        message(2)
    );
    assert!(message(3).contains("binary"), "{}", message(3));
    for i in 0..4 {
        assert_eq!(json[i]["messages"].as_array().unwrap().len(), 1);
        assert!(
            json[i].get("source").is_none(),
            "no source for refused file {i}"
        );
    }
    assert_eq!(rule_ids(&json[4]), ["no-local-uploads"]);
    assert!(json[4]["source"].is_string());

    let stylish = run_within(&fx, &args[2..], std::time::Duration::from_secs(60));
    assert_eq!(stylish.code, 2);
    assert!(
        stylish.stdout.contains("--> pipe.js:1:1"),
        "{}",
        stylish.stdout
    );
    assert!(stylish.stdout.contains("error[no-local-uploads]"));
    assert!(stylish.stdout.len() < 10_000, "no file's text is dumped");
}

#[test]
fn standard_input_is_read_only_up_to_the_limit() {
    let fx = Fixture::new("stdin-limit", &[]);
    // A little over the limit: the rest still fits the pipe's buffer once reading stops.
    let huge = vec![b' '; lint_core::MAX_SOURCE_BYTES + 100];
    let run = fx.run_with_stdin(&["--format", "json", "-"], Some(&huge));
    assert_eq!(run.code, 1, "{}", run.stderr);
    let message = run.json()[0]["messages"][0]["message"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        message.contains("too large to lint (more than 10 MB)"),
        "{message}"
    );
}

/// One line of a megabyte with 2,000 findings: converting each position rescanned the
/// line, and each code frame laid out the whole line, so the run took minutes (31 s for
/// JSON, 269 s for stylish in a release build). Both now cost the same per finding
/// whatever the line's length; in a debug build this runs in about a second.
#[test]
fn thousands_of_findings_on_one_long_line_are_reported_in_linear_time() {
    let padding = format!("/*{}*/", "x".repeat(440));
    let mut source = String::from("const express=require('express');const app=express();");
    for i in 0..2_000 {
        source.push_str(&format!(
            "let h{i}=0;app.get('/{i}',(q,r)=>{{h{i}++;r.end()}});{padding}"
        ));
    }
    source.push('\n');
    assert!(source.len() > 950_000 && !source.trim_end().contains('\n'));
    let fx = Fixture::new("long-line", &[("bundle.js", source.as_bytes())]);
    let json = fx.run(&["--format", "json", "bundle.js"]);
    assert_eq!(json.code, 1, "{}", json.stderr);
    let messages = json.json()[0]["messages"].as_array().unwrap().len();
    assert_eq!(messages, 2_000);
    let stylish = fx.run(&["--color", "never", "bundle.js"]);
    assert!(
        stylish
            .stdout
            .ends_with("2000 problems (2000 errors, 0 warnings)\n")
    );
    // Each frame shows a window of the line, not the line.
    let longest = stylish
        .stdout
        .lines()
        .map(|l| l.chars().count())
        .max()
        .unwrap();
    assert!(longest < 400, "a frame line of {longest} characters");
}
