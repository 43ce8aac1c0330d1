//! PATCH paths: `PATH = attrPath / valuePath [subAttr]` (RFC 7644 §3.5.2, Figure 3).

use serde_json::{Map, Value};

use super::error::{ScimError, ScimResult};
use super::filter::{self, get_ci_key, parse_attr_path, Filter, Scope};
use super::render::is_urn;
use super::schema::{foreign_schema, Attr, ResourceType, Type};

/// What a PATCH operation targets.
#[derive(Debug)]
pub(crate) enum Target {
    /// A whole extension object, by its key.
    Extension(String),
    Attribute(AttrTarget),
}

#[derive(Debug)]
pub(crate) struct AttrTarget {
    /// The extension holding the attribute (its key), or `None` for the resource itself.
    pub(crate) extension: Option<String>,
    /// The attribute's key: its schema spelling, or as given in an unknown extension.
    pub(crate) name: String,
    /// `None` inside an extension the server has no schema for.
    pub(crate) attr: Option<&'static Attr>,
    pub(crate) filter: Option<Filter>,
    pub(crate) sub: Option<Sub>,
}

#[derive(Debug)]
pub(crate) struct Sub {
    pub(crate) name: String,
    pub(crate) attr: Option<&'static Attr>,
}

impl AttrTarget {
    pub(crate) fn describe(&self) -> String {
        let mut text = match &self.extension {
            Some(ext) => format!("{ext}:{}", self.name),
            None => self.name.clone(),
        };
        if self.filter.is_some() {
            text.push_str("[...]");
        }
        if let Some(sub) = &self.sub {
            text.push('.');
            text.push_str(&sub.name);
        }
        text
    }
}

/// Parse `path` for a resource of type `rt` whose stored attributes are `attrs` (unknown
/// extensions are found there, case-insensitively).
pub(crate) fn parse(
    rt: ResourceType,
    attrs: &Map<String, Value>,
    path: &str,
) -> ScimResult<Target> {
    let path = path.trim();
    let invalid = |why: &str| ScimError::invalid_path(format!("path `{path}`: {why}"));
    if path.is_empty() {
        return Err(invalid("empty"));
    }
    let (head, filter_text, tail) = match path.find('[') {
        None => (path, None, ""),
        Some(open) => {
            let close =
                closing_bracket(path, open).ok_or_else(|| invalid("`[` has no matching `]`"))?;
            (
                &path[..open],
                Some(&path[open + 1..close]),
                &path[close + 1..],
            )
        }
    };
    if filter_text.is_none() && is_urn(head) {
        if let Some((urn, _)) = rt.extension(head) {
            return Ok(Target::Extension(urn.to_string()));
        }
        if let Some(key) = get_ci_key(attrs, head) {
            return Ok(Target::Extension(key));
        }
    }
    let parsed = parse_attr_path(head).ok_or_else(|| invalid("not an attribute path"))?;
    let (extension, attr) = match parsed.urn.as_deref() {
        None => (None, Some(core(rt, &parsed.name, path)?)),
        Some(urn) if urn.eq_ignore_ascii_case(rt.core_schema()) => {
            (None, Some(core(rt, &parsed.name, path)?))
        }
        Some(urn) => match rt.extension(urn) {
            Some((canonical, list)) => {
                let attr = list
                    .iter()
                    .find(|a| a.name.eq_ignore_ascii_case(&parsed.name))
                    .ok_or_else(|| invalid("no such attribute in that extension"))?;
                (Some(canonical.to_string()), Some(attr))
            }
            None if foreign_schema(rt, urn) => {
                return Err(invalid(&format!(
                    "that schema does not apply to {} resources",
                    rt.name()
                )))
            }
            None => (
                Some(get_ci_key(attrs, urn).unwrap_or_else(|| urn.to_string())),
                None,
            ),
        },
    };
    let name = match (attr, &extension) {
        (Some(attr), _) => attr.name.to_string(),
        (None, Some(ext)) => attrs
            .get(ext)
            .and_then(Value::as_object)
            .and_then(|o| get_ci_key(o, &parsed.name))
            .unwrap_or_else(|| parsed.name.clone()),
        (None, None) => parsed.name.clone(),
    };
    let sub_text = match (&parsed.sub, tail) {
        (Some(_), _) if filter_text.is_some() => {
            return Err(invalid(
                "a value filter follows the attribute, not its sub-attribute",
            ))
        }
        (Some(sub), _) => Some(sub.clone()),
        (None, "") => None,
        (None, tail) => match tail.strip_prefix('.') {
            Some(sub)
                if parse_attr_path(sub).is_some_and(|p| p.sub.is_none() && p.urn.is_none()) =>
            {
                Some(sub.to_string())
            }
            _ => return Err(invalid("only `.subAttribute` may follow `]`")),
        },
    };
    let filter = match filter_text {
        None => None,
        Some(text) => {
            if attr.is_some_and(|a| a.ty != Type::Complex || !a.multi) {
                return Err(invalid(
                    "only multi-valued complex attributes take a value filter",
                ));
            }
            let parsed = filter::parse_value_filter(text)?;
            let scope = attr.map_or(Scope::Untyped, Scope::Within);
            filter::check(&parsed, scope)?;
            Some(parsed)
        }
    };
    let sub = match (sub_text, attr) {
        (None, _) => None,
        (Some(sub), Some(attr)) => {
            let def = attr
                .sub_attr(&sub)
                .ok_or_else(|| invalid(&format!("`{}` has no sub-attribute `{sub}`", attr.name)))?;
            Some(Sub {
                name: def.name.to_string(),
                attr: Some(def),
            })
        }
        (Some(sub), None) => Some(Sub {
            name: sub,
            attr: None,
        }),
    };
    Ok(Target::Attribute(AttrTarget {
        extension,
        name,
        attr,
        filter,
        sub,
    }))
}

fn core(rt: ResourceType, name: &str, path: &str) -> ScimResult<&'static Attr> {
    rt.core_attr(name).ok_or_else(|| {
        ScimError::invalid_path(format!(
            "path `{path}`: {} resources have no attribute `{name}`",
            rt.name()
        ))
    })
}

/// The `]` that closes the `[` at `open`, skipping brackets inside quoted strings.
fn closing_bracket(text: &str, open: usize) -> Option<usize> {
    let mut in_string = false;
    let mut escaped = false;
    for (i, c) in text[open + 1..].char_indices() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
        } else if c == '"' {
            in_string = true;
        } else if c == ']' {
            return Some(open + 1 + i);
        }
    }
    None
}
