//! `--timings`: where a run's time goes, stage by stage, summed over its files.
//!
//! The lint the user waits for runs first and is timed whole. The stages inside it are
//! then measured by linting the same text again with less to do: oxc's parse alone, its
//! semantic model alone, the lint with no rule enabled (guard, line index, handler table
//! and the other per-file tables every rule reads), with one rule at a time, and with
//! all of them, all after the first, so they compare with each other. A rule's cost is
//! its lint minus the lint with no rule: differences of separate runs, close to the truth
//! on a large file linted on one job (`-j 1`), noisy on small ones.
//!
//! Stages are timed in CPU time of the thread that runs them (on Linux; elsewhere in
//! elapsed time), kernel time for its page faults included: on a loaded machine the
//! elapsed time of a stage also counts the time other processes held the core.

use std::time::Duration;

use lint_core::{LintOptions, RuleId};
use oxc_allocator::Allocator;
use oxc_parser::Parser;
use oxc_semantic::SemanticBuilder;
use oxc_span::SourceType;

/// One entry per rule, in [`RuleId::ALL`]'s order.
type PerRule = [Duration; RuleId::ALL.len()];

/// Where the time of a run went, summed over its files (CPU time on the workers, so with
/// several jobs the sum can exceed the run's wall time).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Timings {
    pub files: usize,
    pub bytes: usize,
    /// Reading the files and checking their UTF-8.
    pub read: Duration,
    /// oxc's parser alone, run separately on the same text.
    pub parse: Duration,
    /// oxc's semantic model alone, built separately on that parse.
    pub semantic: Duration,
    /// `lint_core::lint` with no rule enabled: guard, parse, semantic model and the
    /// tables every rule reads.
    pub no_rule: Duration,
    /// `lint_core::lint` with only this rule enabled.
    pub one_rule: PerRule,
    /// `lint_core::lint` again, after the others.
    pub all_rules: Duration,
    /// `lint_core::lint`: guard, parse, semantic model, the rules and their results.
    pub lint: Duration,
    /// The whole run, from the first file read to the last result (not printing), the
    /// stages measured again included.
    pub wall: Duration,
    /// Formatting the report and writing it out.
    pub output: Duration,
}

impl Timings {
    /// Measures the stages of the lint of `source`, which took `lint` (see the module's
    /// doc). `refused` texts are not parsed by lint-core, so only `lint` counts for them.
    pub fn of_file(
        source: &str,
        options: &LintOptions,
        read: Duration,
        lint: Duration,
        refused: bool,
    ) -> Timings {
        let mut timings = Timings {
            files: 1,
            bytes: source.len(),
            read,
            lint,
            ..Timings::default()
        };
        if refused {
            return timings;
        }
        (timings.parse, timings.semantic) =
            parse_and_semantic(source, options.file_name.as_deref());
        let lint_with = |rules: Vec<RuleId>| {
            let options = LintOptions {
                rules: Some(rules),
                ..options.clone()
            };
            let started = Clock::start();
            std::hint::black_box(lint_core::lint(source, &options));
            started.elapsed()
        };
        timings.no_rule = lint_with(vec![]);
        for (slot, rule) in timings.one_rule.iter_mut().zip(RuleId::ALL) {
            *slot = lint_with(vec![rule]);
        }
        timings.all_rules = lint_with(RuleId::ALL.to_vec());
        timings
    }

    pub fn add(self, other: Timings) -> Timings {
        let mut one_rule = self.one_rule;
        for (sum, more) in one_rule.iter_mut().zip(other.one_rule) {
            *sum += more;
        }
        Timings {
            files: self.files + other.files,
            bytes: self.bytes + other.bytes,
            read: self.read + other.read,
            parse: self.parse + other.parse,
            semantic: self.semantic + other.semantic,
            no_rule: self.no_rule + other.no_rule,
            one_rule,
            all_rules: self.all_rules + other.all_rules,
            lint: self.lint + other.lint,
            wall: self.wall.max(other.wall),
            output: self.output + other.output,
        }
    }

    /// The lines `--timings` prints to standard error.
    pub fn summary(&self) -> String {
        let ms = |d: Duration| format!("{:9.1} ms", d.as_secs_f64() * 1000.0);
        let mb = self.bytes as f64 / 1e6;
        let per_s = |d: Duration| mb / d.as_secs_f64().max(1e-9);
        let parse_semantic = self.parse + self.semantic;
        let mut text = format!(
            "timings: {} files, {:.2} MB (CPU time on the workers, summed over files)\n\
             {} read\n\
             {} lint (guard, parse, semantic, rules, results; {:.1} MB/s)\n\
             measured again, each stage in a run of its own:\n\
             {} parse + semantic alone (oxc; {:.1} MB/s)\n\
             {}   parse\n\
             {}   semantic model\n\
             {} lint again ({:.1} MB/s)\n\
             {} rules and results (lint again minus parse + semantic)\n\
             {}   guard, line index, handler table (lint with no rule, minus parse + \
             semantic)\n",
            self.files,
            mb,
            ms(self.read),
            ms(self.lint),
            per_s(self.lint),
            ms(parse_semantic),
            per_s(parse_semantic),
            ms(self.parse),
            ms(self.semantic),
            ms(self.all_rules),
            per_s(self.all_rules),
            ms(self.all_rules.saturating_sub(parse_semantic)),
            ms(self.no_rule.saturating_sub(parse_semantic)),
        );
        for (rule, time) in RuleId::ALL.iter().zip(self.one_rule) {
            text.push_str(&format!(
                "{}   {rule} (lint with only it, minus lint with no rule)\n",
                ms(time.saturating_sub(self.no_rule)),
            ));
        }
        text.push_str(&format!(
            "{} wall time of the run, the stages measured again included, printing \
             excluded\n\
             {} output (formatting and writing the report)\n",
            ms(self.wall),
            ms(self.output),
        ));
        text
    }
}

/// Parses `source` and builds its semantic model as lint-core does, and nothing else;
/// the time of each.
fn parse_and_semantic(source: &str, file_name: Option<&str>) -> (Duration, Duration) {
    let started = Clock::start();
    // The dialect lint-core reads a file as first: `.js` as script or module with JSX,
    // other extensions as they say.
    let source_type = file_name
        .filter(|name| !name.to_ascii_lowercase().ends_with(".js"))
        .and_then(|name| SourceType::from_path(name).ok())
        .unwrap_or_else(|| SourceType::unambiguous().with_jsx(true));
    let allocator = Allocator::default();
    let parsed = Parser::new(&allocator, source, source_type).parse();
    let parse = started.elapsed();
    let semantic = SemanticBuilder::new()
        .with_build_nodes(true)
        .build(&parsed.program);
    std::hint::black_box(semantic.semantic.nodes().len());
    (parse, started.elapsed() - parse)
}

/// A stage's start: the calling thread's CPU time where it can be read.
pub struct Clock {
    #[cfg(target_os = "linux")]
    cpu: Duration,
    #[cfg(not(target_os = "linux"))]
    wall: std::time::Instant,
}

impl Clock {
    pub fn start() -> Clock {
        Clock {
            #[cfg(target_os = "linux")]
            cpu: thread_cpu_time(),
            #[cfg(not(target_os = "linux"))]
            wall: std::time::Instant::now(),
        }
    }

    pub fn elapsed(&self) -> Duration {
        #[cfg(target_os = "linux")]
        return thread_cpu_time().saturating_sub(self.cpu);
        #[cfg(not(target_os = "linux"))]
        return self.wall.elapsed();
    }
}

/// The calling thread's CPU time, user and kernel.
#[cfg(target_os = "linux")]
fn thread_cpu_time() -> Duration {
    use std::ffi::{c_int, c_long};

    /// `struct timespec` on Linux.
    #[repr(C)]
    struct Timespec {
        seconds: i64,
        nanoseconds: c_long,
    }
    /// `CLOCK_THREAD_CPUTIME_ID` in Linux's `time.h`.
    const CLOCK_THREAD_CPUTIME_ID: c_int = 3;
    unsafe extern "C" {
        fn clock_gettime(clock: c_int, time: *mut Timespec) -> c_int;
    }
    let mut time = Timespec {
        seconds: 0,
        nanoseconds: 0,
    };
    // SAFETY: `time` is a valid `struct timespec` to write into; this clock always exists
    // on Linux, and on a failure (none is documented for it) `time` stays zero.
    unsafe {
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &mut time);
    }
    Duration::new(
        u64::try_from(time.seconds).unwrap_or(0),
        u32::try_from(time.nanoseconds).unwrap_or(0),
    )
}
