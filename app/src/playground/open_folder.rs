//! Opening a folder (a directory picker, or a folder dropped on the editor): its
//! JavaScript and TypeScript files are read in the browser, never uploaded, and what was
//! left out is said.

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

use crate::lint_session::project::SourceFile;
use crate::playground::files::{Candidate, FolderPlan, plan_folder};

#[wasm_bindgen(inline_js = r#"
export function listInput(input) {
  return { files: Array.from(input.files || []).map((file) =>
    ({ path: file.webkitRelativePath || file.name, size: file.size, file })), skippedFolders: 0 };
}
// The entries are taken before the first await: a drop's items are gone after the event.
export async function listDrop(event) {
  const items = Array.from((event.dataTransfer && event.dataTransfer.items) || []);
  const entries = items.map((i) => i.webkitGetAsEntry && i.webkitGetAsEntry()).filter(Boolean);
  const files = [];
  let skippedFolders = 0;
  const walk = async (entry, prefix) => {
    if (entry.isFile) {
      const file = await new Promise((ok, fail) => entry.file(ok, fail));
      files.push({ path: prefix + entry.name, size: file.size, file });
      return;
    }
    // node_modules and dot-folders are not even walked: they can hold many thousands of files.
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) { skippedFolders += 1; return; }
    const reader = entry.createReader();
    for (;;) {
      const batch = await new Promise((ok, fail) => reader.readEntries(ok, fail));
      if (batch.length === 0) break;
      for (const child of batch) await walk(child, prefix + entry.name + '/');
    }
  };
  for (const entry of entries) await walk(entry, '');
  return { files, skippedFolders };
}
export function readText(file) { return file.text(); }
"#)]
extern "C" {
    #[wasm_bindgen(js_name = listInput)]
    fn list_input(input: &web_sys::HtmlInputElement) -> JsValue;
    #[wasm_bindgen(js_name = listDrop)]
    fn list_drop(event: &JsValue) -> js_sys::Promise;
    #[wasm_bindgen(js_name = readText)]
    fn read_text(file: &JsValue) -> js_sys::Promise;
}

/// A folder's files as read, and what was left out.
pub struct Opened {
    pub files: Vec<SourceFile>,
    pub plan: FolderPlan,
    /// Folders not walked (`node_modules`, dot-folders) of a dropped folder.
    pub skipped_folders: usize,
}

impl Opened {
    /// What the learner is told once the files are open.
    pub fn message(&self) -> String {
        let mut text = format!(
            "Opened {} file{} from the folder. They were read by this browser and are checked here; nothing was uploaded.",
            self.files.len(),
            if self.files.len() == 1 { "" } else { "s" }
        );
        if self.skipped_folders > 0 {
            text.push_str(&format!(
                " {} folder{} (node_modules or hidden) not read.",
                self.skipped_folders,
                if self.skipped_folders == 1 { "" } else { "s" }
            ));
        }
        if let Some(skipped) = self.plan.skipped_message() {
            text.push(' ');
            text.push_str(&skipped);
        }
        text
    }
}

fn get(value: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(value, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

/// Reads the files a listing (from `listInput` or `listDrop`) names, as planned.
async fn read_listing(listing: JsValue) -> Result<Opened, String> {
    let entries: Vec<JsValue> = js_sys::Array::from(&get(&listing, "files")).to_vec();
    let skipped_folders = get(&listing, "skippedFolders").as_f64().unwrap_or(0.0) as usize;
    let candidates: Vec<Candidate> = entries
        .iter()
        .map(|e| Candidate {
            path: get(e, "path").as_string().unwrap_or_default(),
            bytes: get(e, "size").as_f64().unwrap_or(0.0) as usize,
        })
        .collect();
    let plan = plan_folder(&candidates);
    let root_len = candidates
        .first()
        .and_then(|c| {
            let root = c.path.split_once('/')?.0;
            candidates
                .iter()
                .all(|c| c.path.starts_with(&format!("{root}/")))
                .then_some(root.len() + 1)
        })
        .unwrap_or(0);
    let mut files = vec![];
    for path in &plan.take {
        let Some(entry) = entries
            .iter()
            .zip(&candidates)
            .find(|(_, c)| c.path.get(root_len..) == Some(path.as_str()))
            .map(|(e, _)| e)
        else {
            continue;
        };
        let text = JsFuture::from(read_text(&get(entry, "file")))
            .await
            .map_err(|e| format!("{path} could not be read ({e:?})"))?;
        files.push(SourceFile::new(
            path.clone(),
            text.as_string().unwrap_or_default(),
        ));
    }
    Ok(Opened {
        files,
        plan,
        skipped_folders,
    })
}

#[derive(Properties, PartialEq)]
pub struct OpenFolderProps {
    /// The folder's files, or why they could not be read.
    pub on_open: Callback<Result<Opened, String>>,
}

/// The "Open folder" button (a directory picker).
#[function_component]
pub fn OpenFolder(props: &OpenFolderProps) -> Html {
    let input = use_node_ref();
    let on_change = {
        let on_open = props.on_open.clone();
        let input = input.clone();
        Callback::from(move |_: Event| {
            let Some(el) = input.cast::<web_sys::HtmlInputElement>() else {
                return;
            };
            let listing = list_input(&el);
            let on_open = on_open.clone();
            wasm_bindgen_futures::spawn_local(async move {
                on_open.emit(read_listing(listing).await);
            });
            el.set_value("");
        })
    };
    let on_click = {
        let input = input.clone();
        Callback::from(move |_| {
            if let Some(el) = input.cast::<web_sys::HtmlInputElement>() {
                el.click();
            }
        })
    };
    html! {
        <>
            <button type="button" class="file-add" id="open-folder" onclick={on_click}
                title="Open a folder of your app: its .js and .ts files are read here, not uploaded">
                {"Open folder"}
            </button>
            <input ref={input} type="file" id="open-folder-input" class="visually-hidden"
                webkitdirectory={true} multiple={true} tabindex="-1" aria-hidden="true" onchange={on_change} />
        </>
    }
}

/// Handlers that open a folder dropped on an element: `(ondragover, ondrop)`.
pub fn drop_handlers(
    on_open: Callback<Result<Opened, String>>,
) -> (Callback<DragEvent>, Callback<DragEvent>) {
    let on_over = Callback::from(|e: DragEvent| {
        let has_files = e
            .data_transfer()
            .is_some_and(|dt| dt.types().includes(&"Files".into(), 0));
        if has_files {
            e.prevent_default();
        }
    });
    let on_drop = Callback::from(move |e: DragEvent| {
        let has_files = e
            .data_transfer()
            .is_some_and(|dt| dt.types().includes(&"Files".into(), 0));
        if !has_files {
            return; // text dragged into the editor: CodeMirror's own
        }
        e.prevent_default();
        e.stop_propagation();
        let promise = list_drop(&e);
        let on_open = on_open.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let listing = JsFuture::from(promise)
                .await
                .map_err(|e| format!("the dropped folder could not be read ({e:?})"));
            on_open.emit(match listing {
                Ok(listing) => read_listing(listing).await,
                Err(error) => Err(error),
            });
        });
    });
    (on_over, on_drop)
}
