//! Queries (RFC 7644 §3.4.2): filter, sort, index paging (§3.4.2.4) and cursor paging (RFC 9865).

use std::cmp::Ordering;
use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant};

use serde_json::{json, Map, Value};

use super::dialect::{Dialect, Paging};
use super::error::{ScimError, ScimResult};
use super::filter::{self, parse_attr_path, AttrPath, Filter, Scope};
use super::render::{render, shown, Links, Projection};
use super::schema::{ResourceType, Type, LIST_RESPONSE};
use super::state::State;

/// How long a cursor stays valid between pages (advertised as `cursorTimeout`).
pub(crate) const CURSOR_TIMEOUT: Duration = Duration::from_secs(3600);
/// Open cursors kept at most; the oldest go first (RFC 9865 §5.3 on cursor exhaustion).
const MAX_CURSORS: usize = 10_000;

/// A query's parameters, from the URL (GET) or a SearchRequest body (POST `/.search`).
#[derive(Debug, Default)]
pub(crate) struct Query {
    pub(crate) filter: Option<String>,
    pub(crate) sort_by: Option<String>,
    pub(crate) sort_order: Option<String>,
    pub(crate) start_index: Option<String>,
    pub(crate) count: Option<String>,
    pub(crate) cursor: Option<String>,
    pub(crate) attributes: Option<String>,
    pub(crate) excluded_attributes: Option<String>,
}

impl Query {
    /// What must stay the same between the pages of one cursor walk (RFC 9865 §2).
    fn fingerprint(&self, types: &[ResourceType]) -> String {
        let names: Vec<&str> = types.iter().map(|t| t.name()).collect();
        let names = names.join(",");
        let parts = [
            Some(names.as_str()),
            self.filter.as_deref(),
            self.sort_by.as_deref(),
            self.sort_order.as_deref(),
            self.attributes.as_deref(),
            self.excluded_attributes.as_deref(),
        ];
        let parts: Vec<&str> = parts.iter().map(|p| p.unwrap_or("")).collect();
        parts.join("\u{1f}")
    }
}

#[derive(Clone, Debug)]
struct CursorEntry {
    query: String,
    count: usize,
    offset: usize,
    issued: Instant,
    expired: bool,
}

/// The cursors handed out and not yet forgotten.
#[derive(Clone, Debug, Default)]
pub(crate) struct Cursors {
    entries: HashMap<String, CursorEntry>,
    order: VecDeque<String>,
}

impl Cursors {
    fn issue(&mut self, query: &str, count: usize, offset: usize) -> String {
        // URL-safe and opaque (RFC 9865 §2): 128 random bits in hex.
        let value = format!("{:032x}", fastrand::u128(..));
        while self.order.len() >= MAX_CURSORS {
            if let Some(old) = self.order.pop_front() {
                self.entries.remove(&old);
            }
        }
        self.entries.insert(
            value.clone(),
            CursorEntry {
                query: query.to_string(),
                count,
                offset,
                issued: Instant::now(),
                expired: false,
            },
        );
        self.order.push_back(value.clone());
        value
    }

    /// The offset a cursor stands for, if it is one of ours, unexpired, for this query and count.
    fn open(&self, value: &str, query: &str, count: usize) -> ScimResult<usize> {
        let Some(entry) = self.entries.get(value) else {
            return Err(ScimError::invalid_cursor(
                "unknown cursor: send an empty cursor for the first page, then the nextCursor or previousCursor of the last answer",
            ));
        };
        if entry.expired || entry.issued.elapsed() > CURSOR_TIMEOUT {
            return Err(ScimError::expired_cursor(format!(
                "the cursor has expired (cursors last {} s): start again with an empty cursor",
                CURSOR_TIMEOUT.as_secs()
            )));
        }
        if entry.query != query {
            return Err(ScimError::invalid_cursor(
                "the cursor belongs to another query: keep every parameter but `cursor` the same between pages",
            ));
        }
        if entry.count != count {
            return Err(ScimError::invalid_count(format!(
                "the cursor was issued for count={}: keep the count of the first page",
                entry.count
            )));
        }
        Ok(entry.offset)
    }

    #[cfg(test)]
    pub(crate) fn expire_all(&mut self) {
        for entry in self.entries.values_mut() {
            entry.expired = true;
        }
    }
}

/// Answer a query over the resources of `rt`: a ListResponse.
pub(crate) fn run(
    state: &mut State,
    types: &[ResourceType],
    query: &Query,
    links: &Links,
    dialect: Dialect,
) -> ScimResult<Value> {
    let projection = Projection::parse(
        query.attributes.as_deref(),
        query.excluded_attributes.as_deref(),
    )?;
    let text = query
        .filter
        .as_deref()
        .map(str::trim)
        .filter(|f| !f.is_empty());
    if text.is_none() && types == [ResourceType::User] && dialect.requires_user_filter() {
        return Err(ScimError::too_many(
            "this service lists users only with a filter, e.g. filter=userName eq \"someone@example.com\"",
        ));
    }
    // A search at the root (RFC 7644 §3.4.3) spans every type the filter makes sense for.
    let mut filters = Vec::new();
    let mut refused = None;
    for &rt in types {
        match text.map(|t| parse_filter(t, rt, dialect)).transpose() {
            Ok(f) => filters.push((rt, f)),
            Err(e) => refused = refused.or(Some(e)),
        }
    }
    if let (true, Some(e)) = (filters.is_empty(), refused) {
        return Err(e);
    }
    let mut matching: Vec<(ResourceType, Map<String, Value>)> = Vec::new();
    for (rt, filter) in &filters {
        let rt = *rt;
        matching.extend(
            state
                .collection(rt)
                .iter()
                .map(|r| render(state, rt, r, links, dialect))
                .filter(|r| {
                    filter
                        .as_ref()
                        .is_none_or(|f| filter::matches(f, r, Scope::Resource(rt)))
                })
                .map(|r| (rt, r)),
        );
    }
    if dialect.sorting() {
        if let Some(sort_by) = query.sort_by.as_deref().filter(|s| !s.trim().is_empty()) {
            sort(
                &mut matching,
                types,
                sort_by.trim(),
                query.sort_order.as_deref(),
            )?;
        }
    }
    let total = matching.len();
    let Some(paging) = dialect.paging() else {
        return Ok(list_response(
            dialect,
            total,
            Some(1),
            &projection,
            matching,
            None,
            None,
            true,
        ));
    };
    let cursor_mode = match (&query.cursor, &query.start_index) {
        (Some(_), Some(_)) if paging.cursor => {
            return Err(ScimError::invalid_value("send either cursor or startIndex, not both"))
        }
        (_, Some(_)) if !paging.index => {
            return Err(ScimError::invalid_value(
                "this service pages by cursor (RFC 9865): send cursor= for the first page instead of startIndex",
            ))
        }
        (Some(_), None) => paging.cursor,
        (None, None) => paging.cursor_by_default,
        (_, Some(_)) => false,
    };
    let count = count_of(query, paging, cursor_mode)?;
    if !cursor_mode {
        let start = start_index(query)?;
        let count = uneven_cap(count, start, state.uneven_pages);
        let page: Vec<_> = matching
            .into_iter()
            .skip(start.saturating_sub(1))
            .take(count)
            .collect();
        return Ok(list_response(
            dialect,
            total,
            Some(start),
            &projection,
            page,
            None,
            None,
            true,
        ));
    }
    let fingerprint = query.fingerprint(types);
    let offset = match query.cursor.as_deref().unwrap_or("") {
        "" => 0,
        value => state.cursors.open(value, &fingerprint, count)?,
    };
    let next = (count > 0 && offset.saturating_add(count) < total)
        .then(|| state.cursors.issue(&fingerprint, count, offset + count));
    let previous = (offset > 0).then(|| {
        state
            .cursors
            .issue(&fingerprint, count, offset.saturating_sub(count))
    });
    let page: Vec<_> = matching.into_iter().skip(offset).take(count).collect();
    Ok(list_response(
        dialect,
        total,
        None,
        &projection,
        page,
        next,
        previous,
        paging.total_in_cursor_pages,
    ))
}

/// Parse, check against the schema and against the service's own limits.
pub(crate) fn parse_filter(text: &str, rt: ResourceType, dialect: Dialect) -> ScimResult<Filter> {
    let parsed = filter::parse(text)?;
    filter::check(&parsed, Scope::Resource(rt))?;
    dialect
        .check_filter(&parsed, rt)
        .map_err(ScimError::invalid_filter)?;
    Ok(parsed)
}

/// `count` capped as `State::uneven_pages` says: a page size that varies with `startIndex`.
pub(crate) fn uneven_cap(count: usize, start: usize, cap: usize) -> usize {
    if cap == 0 {
        return count;
    }
    count.min(cap.saturating_sub(start % 4).max(1))
}

fn start_index(query: &Query) -> ScimResult<usize> {
    let Some(text) = query.start_index.as_deref() else {
        return Ok(1);
    };
    let n: i64 = text.trim().parse().map_err(|_| {
        ScimError::invalid_value(format!("startIndex must be an integer, not {text:?}"))
    })?;
    // "A value less than 1 SHALL be interpreted as 1" (RFC 7644 §3.4.2.4).
    Ok(usize::try_from(n.max(1)).unwrap_or(usize::MAX))
}

fn count_of(query: &Query, paging: Paging, cursor_mode: bool) -> ScimResult<usize> {
    let Some(text) = query.count.as_deref() else {
        return Ok(paging.default_page_size);
    };
    let n: i64 = text
        .trim()
        .parse()
        .map_err(|_| ScimError::invalid_value(format!("count must be an integer, not {text:?}")))?;
    // "A negative value SHALL be interpreted as 0" (RFC 7644 §3.4.2.4, RFC 9865 §2).
    let n = usize::try_from(n.max(0)).unwrap_or(usize::MAX);
    if n > paging.max_page_size {
        if cursor_mode {
            return Err(ScimError::invalid_count(format!(
                "count must be at most {} (maxPageSize)",
                paging.max_page_size
            )));
        }
        // Index paging may answer fewer than asked (§3.4.2.4).
        return Ok(paging.max_page_size);
    }
    Ok(n)
}

#[allow(clippy::too_many_arguments)]
fn list_response(
    dialect: Dialect,
    total: usize,
    start_index: Option<usize>,
    projection: &Projection,
    page: Vec<(ResourceType, Map<String, Value>)>,
    next: Option<String>,
    previous: Option<String>,
    with_total: bool,
) -> Value {
    let items: Vec<Value> = page
        .into_iter()
        .map(|(rt, r)| Value::Object(projection.apply(rt, shown(dialect, rt, r))))
        .collect();
    let mut body = json!({
        "schemas": [LIST_RESPONSE],
        "itemsPerPage": items.len(),
    });
    if with_total {
        body["totalResults"] = json!(total);
    }
    if let Some(start) = start_index {
        body["startIndex"] = json!(start);
    }
    if let Some(next) = next {
        body["nextCursor"] = json!(next);
    }
    if let Some(previous) = previous {
        body["previousCursor"] = json!(previous);
    }
    body[dialect.resources_key()] = Value::Array(items);
    body
}

/// RFC 7644 §3.4.2.3: by the sortBy attribute (the primary value, else the first, of a
/// multi-valued one); resources without a value come last ascending, first descending.
fn sort(
    items: &mut [(ResourceType, Map<String, Value>)],
    types: &[ResourceType],
    sort_by: &str,
    order: Option<&str>,
) -> ScimResult<()> {
    let descending = match order.map(str::trim) {
        None | Some("") => false,
        Some(o) if o.eq_ignore_ascii_case("ascending") => false,
        Some(o) if o.eq_ignore_ascii_case("descending") => true,
        Some(o) => {
            return Err(ScimError::invalid_value(format!(
                "sortOrder must be ascending or descending, not {o:?}"
            )))
        }
    };
    let path = parse_attr_path(sort_by).ok_or_else(|| {
        ScimError::invalid_value(format!("sortBy `{sort_by}` is not an attribute path"))
    })?;
    let mut known = types
        .iter()
        .copied()
        .filter(|rt| filter::check(&Filter::Present(path.clone()), Scope::Resource(*rt)).is_ok());
    let Some(rt) = known.next() else {
        let rt = types.first().copied().unwrap_or(ResourceType::User);
        let detail = filter::check(&Filter::Present(path.clone()), Scope::Resource(rt))
            .err()
            .map_or_else(String::new, |e| e.detail);
        return Err(ScimError::invalid_value(format!("sortBy: {detail}")));
    };
    let case_exact = leaf_case_exact(rt, &path);
    let key = |(rt, item): &(ResourceType, Map<String, Value>)| sort_key(item, *rt, &path);
    items.sort_by(|a, b| {
        let ordering = match (key(a), key(b)) {
            (None, None) => Ordering::Equal,
            (None, Some(_)) => Ordering::Greater,
            (Some(_), None) => Ordering::Less,
            (Some(a), Some(b)) => {
                let o = compare_values(&a, &b, case_exact);
                if descending {
                    o.reverse()
                } else {
                    o
                }
            }
        };
        // Descending puts the resources without a value first.
        if descending && (key(a).is_none() != key(b).is_none()) {
            ordering.reverse()
        } else {
            ordering
        }
    });
    Ok(())
}

fn leaf_case_exact(rt: ResourceType, path: &AttrPath) -> bool {
    let attr = match path.urn.as_deref() {
        Some(urn) if !urn.eq_ignore_ascii_case(rt.core_schema()) => {
            rt.extension(urn).and_then(|(_, attrs)| {
                attrs
                    .iter()
                    .find(|a| a.name.eq_ignore_ascii_case(&path.name))
            })
        }
        _ => rt.core_attr(&path.name),
    };
    let leaf = match (&path.sub, attr) {
        (Some(sub), Some(a)) => a.sub_attr(sub),
        (None, Some(a)) if a.ty == Type::Complex => a.value_sub(),
        (_, a) => a,
    };
    leaf.is_some_and(|a| a.case_exact)
}

fn sort_key(item: &Map<String, Value>, rt: ResourceType, path: &AttrPath) -> Option<Value> {
    let whole = AttrPath {
        sub: None,
        ..path.clone()
    };
    let values = filter::values_at(item, Scope::Resource(rt), &whole, false);
    let chosen = values
        .iter()
        .find(|v| v.get("primary") == Some(&Value::Bool(true)))
        .or_else(|| values.first())?;
    let leaf = match (&path.sub, chosen) {
        (Some(sub), Value::Object(o)) => filter::get_ci(o, sub)?,
        (None, Value::Object(o)) => filter::get_ci(o, "value")?,
        (_, v) => v,
    };
    (!leaf.is_null()).then(|| leaf.clone())
}

fn compare_values(a: &Value, b: &Value, case_exact: bool) -> Ordering {
    match (a, b) {
        (Value::String(a), Value::String(b)) if case_exact => a.cmp(b),
        (Value::String(a), Value::String(b)) => a.to_lowercase().cmp(&b.to_lowercase()),
        (Value::Number(a), Value::Number(b)) => a
            .as_f64()
            .partial_cmp(&b.as_f64())
            .unwrap_or(Ordering::Equal),
        (Value::Bool(a), Value::Bool(b)) => a.cmp(b),
        _ => Ordering::Equal,
    }
}
