//! The command line, declared with clap's derive API.

use std::{num::NonZeroUsize, path::PathBuf};

use clap::{Parser, ValueEnum};
use lint_core::RuleId;

/// Finds the places where an Express app keeps state of its own (uploaded files on
/// local disk, in-memory sessions, module-level data written by request handlers), so
/// that the server can be killed and replaced at any time without losing anything.
#[derive(Debug, Parser)]
#[command(
    name = "phoenix-lint",
    version,
    about,
    after_help = "Exit status: 0 no problems, 1 problems found (including files that could not \
                  be parsed), 2 usage error or a file that could not be read."
)]
pub struct Args {
    /// Files or folders to lint; folders are searched recursively for
    /// .js .mjs .cjs .jsx .ts .mts .cts .tsx files, skipping node_modules and dot-folders.
    /// `-` reads standard input.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Stylish)]
    pub format: Format,

    /// Print the unified diff of "Apply all" (the first rewrite of each finding, as the
    /// playground applies them) instead of findings; `git apply` takes it. Writes no file.
    #[arg(long, conflicts_with = "format")]
    pub diff: bool,

    /// When to color the stylish output (auto: only on a terminal and without NO_COLOR).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// The file name standard input stands for: picks the dialect and is the reported path.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<PathBuf>,

    /// Lint each file on its own. By default the files given (a folder, or several files)
    /// are linted as one project: relative requires between them are followed, so data a
    /// module exports and a handler in another file changes is found, and routers mounted
    /// in another file get their full paths.
    #[arg(long)]
    pub no_cross_file: bool,

    /// Run only this rule (repeatable).
    #[arg(long = "rule", value_name = "RULE-ID", value_parser = parse_rule)]
    pub rules: Vec<RuleId>,

    /// How many files to lint at once (default: one per core) when each file is linted on
    /// its own (--no-cross-file, --timings). The report is the same whatever the number.
    #[arg(short = 'j', long, value_name = "N")]
    pub jobs: Option<NonZeroUsize>,

    /// Print to standard error where the time went, in CPU time summed over the files:
    /// reading, the lint, then each stage measured again in a run of its own (oxc's parse,
    /// its semantic model, the tables every rule reads, each rule), and writing the report.
    /// Each file is then linted on its own, as with --no-cross-file.
    #[arg(long)]
    pub timings: bool,

    /// Print a rule's documentation and exit.
    #[arg(long, value_name = "RULE-ID", conflicts_with_all = ["paths", "rules"])]
    pub explain: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Stylish,
    Json,
    Sarif,
    /// The unified diff of "Apply all" (same as `--diff`).
    Diff,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

// A function rather than `RuleId`'s `FromStr` straight away, so that clap shows lint-core's
// message, which lists the known rules.
fn parse_rule(value: &str) -> Result<RuleId, String> {
    value.parse()
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn declaration_is_consistent() {
        Args::command().debug_assert();
    }

    #[test]
    fn repeated_rules_are_collected() {
        let args = Args::try_parse_from([
            "phoenix-lint",
            "--rule",
            "no-global-state",
            "--rule",
            "no-local-uploads",
            "src",
        ])
        .unwrap();
        assert_eq!(args.rules, [RuleId::NoGlobalState, RuleId::NoLocalUploads]);
    }

    #[test]
    fn unknown_rule_is_rejected_with_the_known_ones() {
        let err = Args::try_parse_from(["phoenix-lint", "--rule", "no-such", "x"]).unwrap_err();
        let text = err.to_string();
        assert!(text.contains("no-local-sessions"), "{text}");
    }
}
