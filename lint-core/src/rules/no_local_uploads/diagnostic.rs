//! How `no-local-uploads` words a finding: its message, labels and help.

use super::{ByUse, Found, NoLocalUploads, Shape, same_folder};
use crate::{context::LintContext, diagnostic::Label};

/// What to do instead, the same for every finding.
pub(super) const HELP: &str = "Send uploads to object storage (S3, Google Cloud Storage, Azure \
     Blob) so every instance can read them and none is lost with a server; multer-s3 or \
     presigned URLs do this without touching the local disk.";

/// What the finding says: who writes the upload, and where.
pub(super) fn message(found: &Found<'_>, temp_in_request: bool) -> String {
    let where_ = match found.folder.as_deref() {
        None => "the operating system's temp folder".to_string(),
        Some(f) if f.starts_with("a folder") => f.to_string(),
        Some(f) => format!("`{f}`"),
    };
    let mut message = match found.shape {
        Shape::MulterDest => {
            format!("multer saves uploaded files to {where_} on this server's disk.")
        }
        Shape::DiskStorage => {
            format!("multer.diskStorage saves uploaded files to {where_} on this server's disk.")
        }
        Shape::Formidable => {
            format!("formidable writes uploaded files to {where_} on this server's disk.")
        }
        Shape::FileUploadTempFiles => format!(
            "express-fileupload writes uploads as temp files in {where_} on this server's disk."
        ),
        Shape::FileMove => {
            format!("`.mv()` moves the uploaded file to {where_} on this server's disk.")
        }
        Shape::FsWrite => {
            format!("This request handler writes a file to {where_} on this server's disk.")
        }
        Shape::VendoredForm => {
            format!("This form writes uploaded files to {where_} on this server's disk.")
        }
    };
    match &found.by_use {
        Some(ByUse::FileMove) => message.push_str(
            " Recognised by its use: `.mv()` on a file from `req.files` is express-fileupload's \
             API, though this file does not import that package by name.",
        ),
        Some(ByUse::FormParse(module)) => message.push_str(&format!(
            " Recognised by its use: `parse(req, …)` handing back fields and files is \
             formidable's API, here from `{module}`, a copy this linter does not read."
        )),
        None => {}
    }
    if temp_in_request {
        message.push_str(
            " It is deleted within the same request, so only an in-flight upload is at risk.",
        );
    }
    message
}

impl<'a> NoLocalUploads<'a> {
    /// Where the upload middleware is mounted, and where the same folder is served back.
    pub(super) fn labels(&self, found: &Found<'a>, ctx: &LintContext<'_, 'a>) -> Vec<Label> {
        let mut labels: Vec<Label> = self
            .mount_points(found, ctx)
            .into_iter()
            .map(|(span, route)| {
                ctx.label(
                    span,
                    format!("this upload middleware is mounted on {route}"),
                )
            })
            .collect();
        if let Some(folder) = &found.folder {
            for served in &self.served {
                if same_folder(&served.folder, folder) {
                    labels.push(ctx.label(
                        served.span,
                        "the same folder is served from this instance's disk here",
                    ));
                }
            }
        }
        labels
    }
}
