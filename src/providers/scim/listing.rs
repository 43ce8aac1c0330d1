//! Listing users and groups page by page: index or cursor paging as the service takes, the
//! status filter where the service applies it, and `tooMany` answered by asking for less.

use std::sync::atomic::Ordering;

use reqwest::Method;
use serde_json::{Map, Value};

use super::client::Client;
use super::error::{decode_error, is_invalid_filter, is_too_many};
use super::filter::active_filter;
use super::paging::{next_cursor, next_index, Mode, Position};
use super::wire::{list_answer, to_user};
use crate::model::{Status, User, UserQuery};
use crate::providers::http::Response;
use crate::providers::{Page, ProviderError};

/// Times a page size is halved after `tooMany` before the refusal is reported.
const NARROWINGS: u32 = 3;

/// One page of resources as the service sent them.
pub(crate) struct RawPage {
    pub(crate) items: Vec<Map<String, Value>>,
    pub(crate) total: Option<u64>,
    pub(crate) next: Option<Position>,
}

impl Client {
    /// One page of `path` (`/Users`, `/Groups`), from `start` (the first page when `None`).
    pub(crate) async fn list_page(
        &self,
        path: &str,
        filter: Option<&str>,
        start: Option<Position>,
        size: u32,
    ) -> Result<RawPage, ProviderError> {
        let mut size = size;
        for _ in 0..=NARROWINGS {
            match self.try_page(path, filter, start.clone(), size).await? {
                Ok(page) => return Ok(page),
                Err(resp)
                    if is_too_many(&resp) && size > 1 && self.mode().await? != Mode::Single =>
                {
                    size = (size / 2).max(1);
                    self.narrowed.store(size, Ordering::SeqCst);
                }
                Err(resp) => return Err(refusal(&resp, filter.is_none() && path == "/Users")),
            }
        }
        Err(ProviderError::Invalid {
            message: format!(
                "the service kept answering tooMany down to pages of {size}; set a smaller \
                 page_size in the profile"
            ),
        })
    }

    /// The page, or the service's error answer for the caller to read.
    async fn try_page(
        &self,
        path: &str,
        filter: Option<&str>,
        start: Option<Position>,
        size: u32,
    ) -> Result<Result<RawPage, Response>, ProviderError> {
        let mode = self.mode().await?;
        let mut req = self.request(Method::GET, path);
        if let Some(f) = filter {
            req = req.query("filter", f);
        }
        let mut first = 1;
        match mode {
            Mode::Index => {
                first = match start {
                    Some(Position::Index(i)) => i,
                    _ => 1,
                };
                req = req.query("startIndex", first).query("count", size);
            }
            Mode::Cursor => {
                let cursor = match start {
                    Some(Position::Cursor(c)) => c,
                    _ => String::new(),
                };
                req = req.query("cursor", cursor).query("count", size);
            }
            Mode::Single => {}
        }
        let resp = self.send_raw(req).await?;
        if !resp.is_success() {
            return Ok(Err(resp));
        }
        let answer = list_answer(resp.json("the list")?)?;
        let got = answer.resources.len();
        let next = match mode {
            Mode::Index => next_index(first, got, answer.total).map(Position::Index),
            Mode::Cursor => next_cursor(answer.next_cursor.as_deref(), got).map(Position::Cursor),
            Mode::Single => None,
        };
        Ok(Ok(RawPage {
            items: answer.resources,
            total: answer.total,
            next,
        }))
    }

    /// One page of users. Status is filtered by the service where it takes `active eq`, else
    /// left to the caller; a service that refuses the filter is asked again without it.
    pub(crate) async fn list_users(
        &self,
        query: &UserQuery,
        start: Option<Position>,
    ) -> Result<Page<User>, ProviderError> {
        let size = self.page_size().await?;
        let config = self.config().await?;
        let filter = query
            .status
            .filter(|_| {
                config.filter
                    && self.dialect.filters_status()
                    && !self.status_refused.load(Ordering::SeqCst)
            })
            .map(|s| active_filter(s != Status::Inactive));
        let page = match self
            .try_page("/Users", filter.as_deref(), start.clone(), size)
            .await?
        {
            Ok(page) => page,
            Err(resp) if filter.is_some() && is_invalid_filter(&resp) => {
                self.status_refused.store(true, Ordering::SeqCst);
                self.list_page("/Users", None, start, size).await?
            }
            Err(resp) if is_too_many(&resp) => {
                self.list_page("/Users", filter.as_deref(), start, size)
                    .await?
            }
            Err(resp) => return Err(refusal(&resp, filter.is_none())),
        };
        let items = page
            .items
            .into_iter()
            .map(|m| to_user(&self.profile, m))
            .collect::<Result<Vec<User>, ProviderError>>()?;
        Ok(Page {
            items,
            next: page.next.map(|p| p.encode()),
            total: page.total,
        })
    }
}

/// A list the service refused, with what to do when it refuses to list everyone.
fn refusal(resp: &Response, everyone: bool) -> ProviderError {
    let err = decode_error(resp);
    if everyone && is_too_many(resp) {
        if let ProviderError::Invalid { message } = err {
            return ProviderError::Invalid {
                message: format!(
                    "{message}; this service lists users only by a filter: look users up one at \
                     a time with `roster users get EMAIL`"
                ),
            };
        }
    }
    err
}
