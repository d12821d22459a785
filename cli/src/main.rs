//! `phoenix-lint`: the command-line face of lint-core. Parses arguments, finds the files,
//! lints them on worker threads and prints one of three formats. Writes nothing to disk.

mod args;
mod formats;
mod inputs;
mod malloc;
mod run;
mod timings;

use std::{
    io::{self, IsTerminal, Write},
    process::ExitCode,
};

use clap::{CommandFactory, Parser};
use lint_core::RuleId;

use crate::{
    args::{Args, ColorChoice, Format},
    formats::Settings,
    run::FileReport,
};

/// Exit statuses, as ESLint uses them.
const CLEAN: u8 = 0;
const PROBLEMS: u8 = 1;
const USAGE_OR_IO: u8 = 2;

#[global_allocator]
static ALLOCATOR: malloc::Allocator = malloc::Allocator;

fn main() -> ExitCode {
    malloc::tune();
    // clap exits with 2 on a usage error and 0 for --help and --version.
    let args = Args::parse();
    ExitCode::from(match execute(args) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("phoenix-lint: {message}");
            USAGE_OR_IO
        }
    })
}

fn execute(args: Args) -> Result<u8, String> {
    if let Some(rule) = &args.explain {
        let rule: RuleId = rule.parse()?;
        print_or_ignore_closed_pipe(&explain(rule));
        return Ok(CLEAN);
    }
    if args.paths.is_empty() {
        // Nothing to lint is a usage error: the help goes where errors go.
        eprint!("{}", Args::command().render_help());
        return Ok(USAGE_OR_IO);
    }
    let stdin_count = args.paths.iter().filter(|p| p.as_os_str() == "-").count();
    if stdin_count > 1 {
        return Err("`-` (standard input) can be given only once".into());
    }
    if args.stdin_filename.is_some() && stdin_count == 0 {
        return Err("--stdin-filename needs `-` among the paths".into());
    }
    let cwd =
        std::env::current_dir().map_err(|e| format!("cannot read the current folder: {e}"))?;
    let targets = inputs::collect(&args.paths, args.stdin_filename.as_deref());
    let rules = (!args.rules.is_empty()).then(|| args.rules.clone());
    let jobs = args.jobs.unwrap_or_else(run::default_jobs);
    let (reports, mut timings) = if args.timings {
        let (reports, timings) = run::run_timed(targets, rules, jobs);
        (reports, Some(timings))
    } else if args.no_cross_file {
        (run::run(targets, rules, jobs), None)
    } else {
        (run::run_project(targets, rules, jobs), None)
    };
    let settings = Settings {
        cwd,
        color: use_color(args.color),
    };
    let format = if args.diff { Format::Diff } else { args.format };
    let writing = timings::Clock::start();
    let mut out = io::BufWriter::new(io::stdout().lock());
    let written = formats::write(format, &reports, &settings, &mut out).and_then(|()| out.flush());
    if let Some(timings) = &mut timings {
        timings.output = writing.elapsed();
        eprint!("{}", timings.summary());
    }
    match written {
        // A reader that stops early (`| head`) is not an error of ours.
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            return Err(format!("cannot write the report: {e}"));
        }
        _ => {}
    }
    if format == Format::Diff {
        for note in formats::diff::skipped_notes(&reports, &settings.cwd) {
            eprintln!("phoenix-lint: {note}");
        }
    }
    Ok(exit_code(&reports))
}

/// The rule's doc, then what each of its rewrites needs before the rewritten code runs.
fn explain(rule: RuleId) -> String {
    let mut text = lint_core::rule_doc(rule).trim_end().to_owned();
    text.push_str("\n\n## What the rewrites need\n\n");
    for (title, needs) in lint_core::rewrite_requirements(rule) {
        let needs = needs
            .summary()
            .unwrap_or_else(|| "needs: nothing new".into());
        text.push_str(&format!("- {title} — {needs}\n"));
    }
    text
}

fn exit_code(reports: &[FileReport]) -> u8 {
    if reports.iter().any(|r| r.unreadable) {
        USAGE_OR_IO
    } else if reports.iter().any(|r| !r.diagnostics.is_empty()) {
        PROBLEMS
    } else {
        CLEAN
    }
}

/// Colors on a terminal unless NO_COLOR is set to anything (https://no-color.org).
fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

fn print_or_ignore_closed_pipe(text: &str) {
    let mut out = io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
}
