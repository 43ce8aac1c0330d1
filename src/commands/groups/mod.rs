//! `roster groups ...`: one file per verb.

pub mod list;
