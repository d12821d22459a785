//! Helpers shared by the integration tests.

use lint_core::{Language, LintOptions, LintResult, lint};

/// Callers give lint-core at least 8 MiB of stack (the CLI's workers, the wasm build);
/// the test harness's threads have 2 MiB, so lint on a thread like the CLI's.
pub fn lint_like_a_caller(source: &str, language: Language) -> LintResult {
    std::thread::scope(|scope| {
        std::thread::Builder::new()
            .stack_size(64 * 1024 * 1024)
            .spawn_scoped(scope, || {
                let options = LintOptions {
                    language,
                    ..LintOptions::default()
                };
                lint(source, &options)
            })
            .expect("spawning a lint thread")
            .join()
            .expect("lint panicked")
    })
}
