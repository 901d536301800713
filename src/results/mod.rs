//! Query results: the columnar [`ResultSet`], loading it from API responses, showing values
//! safely, and writing them out in the formats hunters paste and save.

mod column;
pub mod datetime;
pub mod display;
mod load;
mod result_set;
pub mod value;
pub mod view;
pub mod writers;

pub use column::{Column, ColumnKind, TextStore};
pub use load::{frames, load_response, stream, LoadError, ResponseDocument};
pub use result_set::ResultSet;
pub use value::{write_real, Value};
pub use view::TableView;
