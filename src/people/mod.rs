//! People as code: the people file, the plan made from it against every profile's live
//! accounts, and that plan as data. Below the verbs (`roster plan`, `roster apply`).

pub(crate) mod diff;
pub(crate) mod fields;
pub(crate) mod file;
pub(crate) mod live;
pub(crate) mod make;
pub(crate) mod plan;
pub(crate) mod render;
