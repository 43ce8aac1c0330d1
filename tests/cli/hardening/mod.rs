//! Attack cases: stale or hostile credentials, extreme numbers, runs that meet each other.

mod credentials;
mod numbers;
mod races;
