//! Saved queries: plain `.kql` files in a folder tree under the data folder, so a hunter can keep
//! them in git and edit them anywhere. A short comment header carries the name, description and
//! tags; the rest of the file is the query.

mod error;
mod header;
mod import;
mod store;

pub use error::SavedQueryError;
pub use header::SavedQuery;
pub use import::{import_folder, ImportReport};
pub use store::{delete, duplicate, list, rename, save, valid_name};
