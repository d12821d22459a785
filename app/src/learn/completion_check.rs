//! Checking a learner's completion code on the facilitator's page. The code is a hash of
//! the pack and the learner's solutions, so it is checked by recomputing it, with the
//! same function that made it, from the solutions the learner copies from their page.

use std::collections::BTreeMap;

use lint_core::exercise::{CompletionError, WorkshopPack, completion_code};
use yew::prelude::*;

use crate::learn::PackProps;

/// The learner's solutions as they copy them for the facilitator: a JSON object from
/// exercise id to source, which survives any chat or mail program unchanged.
pub fn solutions_text<'a>(solved: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let map: BTreeMap<&str, &str> = solved.into_iter().collect();
    serde_json::to_string(&map).expect("a map of strings always serialises")
}

/// What the facilitator is told about a code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// The solutions pass every check of this pack and give this code.
    Valid,
    /// The solutions pass, but give another code: the code or the solutions were changed,
    /// or they belong to another pack.
    Mismatch,
    /// The solutions do not complete this pack.
    Incomplete(CompletionError),
    /// The pasted text is not what the learner's page copies.
    Unreadable,
    /// No code was typed.
    NoCode,
}

impl Verdict {
    pub fn is_valid(&self) -> bool {
        *self == Self::Valid
    }

    pub fn message(&self, pack_title: &str) -> String {
        match self {
            Self::Valid => format!(
                "Valid: this code is the one these solutions give for “{pack_title}”, and every exercise passes its checks."
            ),
            Self::Mismatch => format!(
                "Not valid: these solutions pass, but they give another code for “{pack_title}”. The code, the solutions or the pack differ from the learner's."
            ),
            Self::Incomplete(why) => {
                format!("Not valid for “{pack_title}”: {why}.")
            }
            Self::Unreadable => "Not valid: the solutions are not readable. Paste exactly what “Copy my solutions” copied on the learner's page.".to_string(),
            Self::NoCode => "Type the code the learner shows you.".to_string(),
        }
    }
}

/// Recomputes the code of `pack` from the pasted solutions and compares it with `code`.
/// Case, spaces and dashes in the typed code do not matter.
pub fn verdict(pack: &WorkshopPack, code: &str, solutions: &str) -> Verdict {
    let typed: String = code
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .flat_map(char::to_uppercase)
        .collect();
    if typed.is_empty() {
        return Verdict::NoCode;
    }
    let Ok(solved) = serde_json::from_str::<BTreeMap<String, String>>(solutions) else {
        return Verdict::Unreadable;
    };
    match completion_code(
        pack,
        solved.iter().map(|(id, src)| (id.as_str(), src.as_str())),
    ) {
        Ok(expected) if expected == typed => Verdict::Valid,
        Ok(_) => Verdict::Mismatch,
        Err(why) => Verdict::Incomplete(why),
    }
}

/// The facilitator's form: the learner's code and their copied solutions in, a clear
/// valid or not valid out.
#[function_component]
pub fn CompletionCheck(props: &PackProps) -> Html {
    let code = use_node_ref();
    let solutions = use_node_ref();
    let result = use_state_eq(|| None::<Verdict>);
    let on_submit = {
        let pack = props.pack.clone();
        let (code, solutions, result) = (code.clone(), solutions.clone(), result.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let code = code
                .cast::<web_sys::HtmlInputElement>()
                .map(|i| i.value())
                .unwrap_or_default();
            let solutions = solutions
                .cast::<web_sys::HtmlTextAreaElement>()
                .map(|t| t.value())
                .unwrap_or_default();
            result.set(Some(verdict(&pack.pack, &code, &solutions)));
        })
    };
    // A new input makes an old answer stale.
    let on_input = {
        let result = result.clone();
        Callback::from(move |_: InputEvent| result.set(None))
    };
    html! {
        <section class="panel completion-check no-print" id="check-code" aria-labelledby="check-code-heading">
            <h2 id="check-code-heading">{"Check a completion code"}</h2>
            <p class="muted">{"A learner who finishes the pack sees a code and a “Copy my solutions” button. Paste both here: the code is recomputed from the solutions for this pack."}</p>
            <form class="check-code-form" onsubmit={on_submit}>
                <label class="link-field">
                    <span>{"Completion code"}</span>
                    <input type="text" id="check-code-input" ref={code} autocomplete="off" spellcheck="false"
                        maxlength="20" placeholder="e.g. 7K2QXM" oninput={on_input.clone()} />
                </label>
                <label class="link-field">
                    <span>{"The learner's solutions"}</span>
                    <textarea id="check-solutions-input" ref={solutions} rows="4" spellcheck="false"
                        oninput={on_input} />
                </label>
                <button type="submit" class="btn primary" id="check-code-button">{"Check the code"}</button>
            </form>
            <p id="check-code-verdict" role="status" aria-live="polite"
                class={classes!("check-verdict", result.as_ref().map(|v| if v.is_valid() { "valid" } else { "invalid" }))}
                data-valid={result.as_ref().map(|v| v.is_valid().to_string())}>
                if let Some(v) = &*result {
                    <span aria-hidden="true">{ if v.is_valid() { "✓ " } else { "✗ " } }</span>
                    { v.message(&props.pack.pack.title) }
                }
            </p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use lint_core::exercise::{PackStep, default_pack, exercise};

    use super::*;

    fn one_step_pack() -> WorkshopPack {
        WorkshopPack {
            steps: vec![PackStep {
                exercise: "uploads-1-dest".into(),
                minutes: None,
            }],
            ..default_pack().clone()
        }
    }

    /// The solutions a learner who solved `pack` would copy, and the code they were shown.
    fn solved(pack: &WorkshopPack) -> (String, String) {
        let sources: Vec<(&str, &str)> = pack
            .steps
            .iter()
            .map(|s| {
                let ex = exercise(&s.exercise).unwrap();
                (ex.id.as_str(), ex.solution.as_str())
            })
            .collect();
        let code = completion_code(pack, sources.iter().copied()).unwrap();
        (solutions_text(sources), code)
    }

    #[test]
    fn the_code_the_learner_was_given_is_valid_in_any_case() {
        let pack = one_step_pack();
        let (text, code) = solved(&pack);
        assert_eq!(verdict(&pack, &code, &text), Verdict::Valid);
        let sloppy = format!(" {}-{} ", &code[..3], code[3..].to_lowercase());
        assert_eq!(verdict(&pack, &sloppy, &text), Verdict::Valid);
    }

    #[test]
    fn another_code_other_solutions_or_another_pack_are_not_valid() {
        let pack = one_step_pack();
        let (text, code) = solved(&pack);
        let other = if code.starts_with('0') { "1" } else { "0" }.to_string() + &code[1..];
        assert_eq!(verdict(&pack, &other, &text), Verdict::Mismatch);
        // The default pack has more exercises than these solutions cover.
        assert!(matches!(
            verdict(default_pack(), &code, &text),
            Verdict::Incomplete(CompletionError::Missing(_))
        ));
        assert_eq!(verdict(&pack, &code, "no json"), Verdict::Unreadable);
        assert_eq!(verdict(&pack, "  ", &text), Verdict::NoCode);
        let broken = solutions_text([("uploads-1-dest", "const x = ;")]);
        assert!(matches!(
            verdict(&pack, &code, &broken),
            Verdict::Incomplete(CompletionError::NotSolved(_))
        ));
    }
}
