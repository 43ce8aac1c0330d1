//! People as code: the people file, the plan made from it against every profile's live
//! accounts, and that plan as data. Below the verbs (`roster plan`, `roster apply`).

pub mod diff;
pub mod fields;
pub mod file;
pub mod live;
pub mod make;
pub mod plan;
pub mod render;
