//! The `scim` provider end to end: one scenario against the sandbox's SCIM server in every
//! dialect it has, and against scim2-server (an implementation nobody here wrote).

mod dialects;
mod errors;
mod etag;
mod filters;
mod groups;
mod interop;
mod paging;
mod sandbox;
mod scenario;
