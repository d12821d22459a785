//! Rule docs for people: one markdown source in `content/rules/`, compiled in (see
//! [`crate::content`]), and what the rewrites of a rule need, read off the rewrites the
//! doc's own examples get.

use crate::{
    diagnostic::RuleId,
    linter::{LintOptions, lint},
    requirements::Requirements,
};

/// The markdown doc of a rule.
pub fn rule_doc(rule: RuleId) -> &'static str {
    crate::content::loaded_rule_doc(rule).expect("every rule has a doc in content/rules/")
}

/// Each distinct rewrite (by title) that the rule offers for its doc's "Incorrect"
/// examples, with what it needs. Derived by linting the examples, so the list follows the
/// code: a rewrite that starts importing a package shows it here at once.
pub fn rewrite_requirements(rule: RuleId) -> Vec<(String, Requirements)> {
    let mut out: Vec<(String, Requirements)> = Vec::new();
    for (lang, code) in incorrect_examples(rule_doc(rule)) {
        let options = LintOptions {
            file_name: Some(format!("example.{lang}")),
            rules: Some(vec![rule]),
            ..LintOptions::default()
        };
        for diagnostic in lint(&code, &options).diagnostics {
            for rewrite in diagnostic.rewrites {
                match out.iter_mut().find(|(title, _)| *title == rewrite.title) {
                    Some((_, needs)) => needs.merge(&rewrite.needs),
                    None => out.push((rewrite.title, rewrite.needs)),
                }
            }
        }
    }
    out
}

/// The `js`/`ts` code blocks under the doc's `## Incorrect` heading. The docs are ours and
/// checked by tests (tests/doc_examples.rs parses them with a full markdown parser), so
/// fences at the start of a line are all there is to find.
fn incorrect_examples(doc: &str) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    let mut in_section = false;
    let mut block: Option<(&'static str, String)> = None;
    for line in doc.lines() {
        if let Some((lang, code)) = &mut block {
            if line.starts_with("```") {
                out.push((*lang, std::mem::take(code)));
                block = None;
            } else {
                code.push_str(line);
                code.push('\n');
            }
        } else if let Some(heading) = line.strip_prefix("## ") {
            in_section = heading.trim() == "Incorrect";
        } else if let Some(info) = line.strip_prefix("```") {
            let lang = match info.split_whitespace().next() {
                Some("js") => Some("js"),
                Some("ts") => Some("ts"),
                _ => None,
            };
            // Other fences (diff, sh) are still skipped over as blocks.
            block = Some((lang.filter(|_| in_section).unwrap_or(""), String::new()));
        }
    }
    out.retain(|(lang, _)| !lang.is_empty());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn incorrect_examples_are_the_code_blocks_of_that_section_only() {
        let doc = "# r\n## Incorrect\n```js\nbad();\n```\n```diff\n-x\n```\n```ts\nbad2();\n```\n## Correct\n```js\ngood();\n```\n";
        assert_eq!(
            incorrect_examples(doc),
            [
                ("js", "bad();\n".to_owned()),
                ("ts", "bad2();\n".to_owned())
            ]
        );
    }

    #[test]
    fn every_rule_lists_what_its_rewrites_need() {
        for rule in RuleId::ALL {
            let listed = rewrite_requirements(rule);
            assert!(!listed.is_empty(), "{rule}: no rewrite found");
            // Every rule's rewrites move state to a service somewhere.
            assert!(
                listed.iter().any(|(_, needs)| !needs.services.is_empty()),
                "{rule}: {listed:?}"
            );
        }
    }
}
