//! Custom detection rules: the Graph v1.0 `detectionRule` resource, rules as files a detection
//! engineer keeps in git, the checks the service would make (and the documentation asks for)
//! before it sees a rule, the field-by-field difference between a file and the tenant, and the
//! Graph calls that list, create, update and delete rules.

pub mod checks;
pub mod client;
pub mod diff;
pub mod draft;
pub mod file;
mod header;
pub mod resource;
pub mod schedule;
pub mod tenant;

pub use checks::{check_rule, check_unique, RuleFinding};
pub use file::{RuleFile, RuleFileError};
pub use resource::DetectionRule;
