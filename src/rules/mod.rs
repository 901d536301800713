//! Custom detection rules: the Graph v1.0 `detectionRule` resource, rules as files a detection
//! engineer keeps in git, the checks the service would make (and the documentation asks for)
//! before it sees a rule, the field-by-field difference between a file and the tenant, and the
//! Graph calls that list, create, update and delete rules.

pub mod file;
pub mod resource;

pub use file::{RuleFile, RuleFileError};
pub use resource::DetectionRule;
