//! The SCIM schemas served and enforced: core User and Group, the enterprise extension (RFC 7643).

use serde_json::{json, Map, Value};

pub(crate) const USER_SCHEMA: &str = "urn:ietf:params:scim:schemas:core:2.0:User";
pub(crate) const GROUP_SCHEMA: &str = "urn:ietf:params:scim:schemas:core:2.0:Group";
pub(crate) const ENTERPRISE_SCHEMA: &str =
    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
pub(crate) const LIST_RESPONSE: &str = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
pub(crate) const PATCH_OP: &str = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
pub(crate) const SEARCH_REQUEST: &str = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";

/// RFC 7643 §2.3: the data types the served schemas use (no attribute here is a number).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Type {
    String,
    Boolean,
    DateTime,
    Binary,
    Reference,
    Complex,
}

impl Type {
    fn name(self) -> &'static str {
        match self {
            Type::String => "string",
            Type::Boolean => "boolean",
            Type::DateTime => "dateTime",
            Type::Binary => "binary",
            Type::Reference => "reference",
            Type::Complex => "complex",
        }
    }
}

/// RFC 7643 §2.2: `mutability`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mutability {
    ReadOnly,
    ReadWrite,
    Immutable,
    WriteOnly,
}

/// RFC 7643 §2.2: `returned`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Returned {
    Always,
    Never,
    Default,
}

/// One attribute definition (RFC 7643 §7). Unset characteristics take the §2.2 defaults.
#[derive(Debug)]
pub(crate) struct Attr {
    pub(crate) name: &'static str,
    pub(crate) ty: Type,
    pub(crate) multi: bool,
    pub(crate) required: bool,
    pub(crate) case_exact: bool,
    pub(crate) mutability: Mutability,
    pub(crate) returned: Returned,
    /// `uniqueness: server`
    pub(crate) unique: bool,
    pub(crate) canonical: &'static [&'static str],
    pub(crate) reference_types: &'static [&'static str],
    pub(crate) sub: &'static [Attr],
}

const fn attr(name: &'static str, ty: Type) -> Attr {
    Attr {
        name,
        ty,
        multi: false,
        required: false,
        case_exact: false,
        mutability: Mutability::ReadWrite,
        returned: Returned::Default,
        unique: false,
        canonical: &[],
        reference_types: &[],
        sub: &[],
    }
}

const fn string(name: &'static str) -> Attr {
    attr(name, Type::String)
}

const fn complex(name: &'static str, sub: &'static [Attr]) -> Attr {
    Attr {
        sub,
        ..attr(name, Type::Complex)
    }
}

const fn reference(name: &'static str, types: &'static [&'static str]) -> Attr {
    Attr {
        reference_types: types,
        ..attr(name, Type::Reference)
    }
}

impl Attr {
    const fn multi(self) -> Attr {
        Attr {
            multi: true,
            ..self
        }
    }
    const fn required(self) -> Attr {
        Attr {
            required: true,
            ..self
        }
    }
    const fn case_exact(self) -> Attr {
        Attr {
            case_exact: true,
            ..self
        }
    }
    const fn read_only(self) -> Attr {
        Attr {
            mutability: Mutability::ReadOnly,
            ..self
        }
    }
    const fn immutable(self) -> Attr {
        Attr {
            mutability: Mutability::Immutable,
            ..self
        }
    }
    const fn canonical(self, values: &'static [&'static str]) -> Attr {
        Attr {
            canonical: values,
            ..self
        }
    }

    /// A sub-attribute by name, case-insensitively (RFC 7643 §2.1).
    pub(crate) fn sub_attr(&self, name: &str) -> Option<&'static Attr> {
        self.sub.iter().find(|a| a.name.eq_ignore_ascii_case(name))
    }

    /// Its "value" sub-attribute: what a filter compares when it names a multi-valued complex
    /// attribute without a sub-attribute (RFC 7644 §3.4.2.2 `emails co "example.com"`).
    pub(crate) fn value_sub(&self) -> Option<&'static Attr> {
        self.sub_attr("value")
    }
}

const EMAIL_SUB: &[Attr] = &[
    string("value"),
    string("display"),
    string("type").canonical(&["work", "home", "other"]),
    attr("primary", Type::Boolean),
];
const PHONE_SUB: &[Attr] = &[
    string("value"),
    string("display"),
    string("type").canonical(&["work", "home", "mobile", "fax", "pager", "other"]),
    attr("primary", Type::Boolean),
];
const IM_SUB: &[Attr] = &[
    string("value"),
    string("display"),
    string("type").canonical(&["aim", "gtalk", "icq", "xmpp", "msn", "skype", "qq", "yahoo"]),
    attr("primary", Type::Boolean),
];
const PHOTO_SUB: &[Attr] = &[
    reference("value", &["external"]),
    string("display"),
    string("type").canonical(&["photo", "thumbnail"]),
    attr("primary", Type::Boolean),
];
const ADDRESS_SUB: &[Attr] = &[
    string("formatted"),
    string("streetAddress"),
    string("locality"),
    string("region"),
    string("postalCode"),
    string("country"),
    string("type").canonical(&["work", "home", "other"]),
    attr("primary", Type::Boolean),
];
const USER_GROUP_SUB: &[Attr] = &[
    string("value").read_only(),
    reference("$ref", &["User", "Group"]).read_only(),
    string("display").read_only(),
    string("type")
        .canonical(&["direct", "indirect"])
        .read_only(),
];
const VALUE_SUB: &[Attr] = &[
    string("value"),
    string("display"),
    string("type"),
    attr("primary", Type::Boolean),
];
const CERT_SUB: &[Attr] = &[
    attr("value", Type::Binary),
    string("display"),
    string("type"),
    attr("primary", Type::Boolean),
];
const NAME_SUB: &[Attr] = &[
    string("formatted"),
    string("familyName"),
    string("givenName"),
    string("middleName"),
    string("honorificPrefix"),
    string("honorificSuffix"),
];

/// RFC 7643 §4.1 (and §8.7.1): the User resource's attributes.
pub(crate) static USER_ATTRS: &[Attr] = &[
    Attr {
        unique: true,
        ..string("userName").required()
    },
    complex("name", NAME_SUB),
    string("displayName"),
    string("nickName"),
    reference("profileUrl", &["external"]),
    string("title"),
    string("userType"),
    string("preferredLanguage"),
    string("locale"),
    string("timezone"),
    attr("active", Type::Boolean),
    Attr {
        mutability: Mutability::WriteOnly,
        returned: Returned::Never,
        ..string("password")
    },
    complex("emails", EMAIL_SUB).multi(),
    complex("phoneNumbers", PHONE_SUB).multi(),
    complex("ims", IM_SUB).multi(),
    complex("photos", PHOTO_SUB).multi(),
    complex("addresses", ADDRESS_SUB).multi(),
    complex("groups", USER_GROUP_SUB).multi().read_only(),
    complex("entitlements", VALUE_SUB).multi(),
    complex("roles", VALUE_SUB).multi(),
    complex("x509Certificates", CERT_SUB).multi(),
];

const MEMBER_SUB: &[Attr] = &[
    string("value").immutable(),
    reference("$ref", &["User", "Group"]).immutable(),
    string("type").canonical(&["User", "Group"]).immutable(),
    string("display").read_only(),
];

/// RFC 7643 §4.2: the Group resource's attributes.
pub(crate) static GROUP_ATTRS: &[Attr] = &[
    string("displayName").required(),
    complex("members", MEMBER_SUB).multi(),
];

const MANAGER_SUB: &[Attr] = &[
    string("value"),
    reference("$ref", &["User"]),
    string("displayName").read_only(),
];

/// RFC 7643 §4.3: the enterprise User extension.
pub(crate) static ENTERPRISE_ATTRS: &[Attr] = &[
    string("employeeNumber"),
    string("costCenter"),
    string("organization"),
    string("division"),
    string("department"),
    complex("manager", MANAGER_SUB),
];

const META_SUB: &[Attr] = &[
    string("resourceType").read_only().case_exact(),
    attr("created", Type::DateTime).read_only(),
    attr("lastModified", Type::DateTime).read_only(),
    reference("location", &["uri"]).read_only().case_exact(),
    string("version").read_only().case_exact(),
];

/// RFC 7643 §3.1: the attributes every resource has, outside any schema's list.
pub(crate) static COMMON_ATTRS: &[Attr] = &[
    Attr {
        returned: Returned::Always,
        ..string("id").read_only().case_exact()
    },
    string("externalId").case_exact(),
    complex("meta", META_SUB).read_only(),
];

static USER_EXTENSIONS: &[(&str, &[Attr])] = &[(ENTERPRISE_SCHEMA, ENTERPRISE_ATTRS)];

/// The resource types served (RFC 7643 §6).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum ResourceType {
    User,
    Group,
}

impl ResourceType {
    pub(crate) fn name(self) -> &'static str {
        match self {
            ResourceType::User => "User",
            ResourceType::Group => "Group",
        }
    }

    /// `/Users`, `/Groups`
    pub(crate) fn endpoint(self) -> &'static str {
        match self {
            ResourceType::User => "Users",
            ResourceType::Group => "Groups",
        }
    }

    pub(crate) fn core_schema(self) -> &'static str {
        match self {
            ResourceType::User => USER_SCHEMA,
            ResourceType::Group => GROUP_SCHEMA,
        }
    }

    pub(crate) fn attrs(self) -> &'static [Attr] {
        match self {
            ResourceType::User => USER_ATTRS,
            ResourceType::Group => GROUP_ATTRS,
        }
    }

    /// The extension schemas this type may carry, with their attributes.
    pub(crate) fn extensions(self) -> &'static [(&'static str, &'static [Attr])] {
        match self {
            ResourceType::User => USER_EXTENSIONS,
            ResourceType::Group => &[],
        }
    }

    /// A core (or common) attribute by name, case-insensitively.
    pub(crate) fn core_attr(self, name: &str) -> Option<&'static Attr> {
        COMMON_ATTRS
            .iter()
            .chain(self.attrs())
            .find(|a| a.name.eq_ignore_ascii_case(name))
    }

    /// The known extension `urn` names (its canonical spelling and attributes).
    pub(crate) fn extension(self, urn: &str) -> Option<(&'static str, &'static [Attr])> {
        self.extensions()
            .iter()
            .copied()
            .find(|(id, _)| id.eq_ignore_ascii_case(urn))
    }
}

/// A schema URN another resource type owns: it cannot appear on this one.
pub(crate) fn foreign_schema(rt: ResourceType, urn: &str) -> bool {
    let known = [USER_SCHEMA, GROUP_SCHEMA, ENTERPRISE_SCHEMA];
    known.iter().any(|k| k.eq_ignore_ascii_case(urn))
        && !urn.eq_ignore_ascii_case(rt.core_schema())
        && rt.extension(urn).is_none()
}

/// The `/Schemas` resources (RFC 7643 §7, shaped like §8.7.1).
pub(crate) fn schema_documents() -> Vec<(&'static str, Value)> {
    let doc = |id: &'static str, name: &str, description: &str, attrs: &[Attr]| {
        let attributes: Vec<Value> = attrs.iter().map(attr_json).collect();
        (
            id,
            json!({
                "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Schema"],
                "id": id,
                "name": name,
                "description": description,
                "attributes": attributes,
            }),
        )
    };
    vec![
        doc(USER_SCHEMA, "User", "User Account", USER_ATTRS),
        doc(GROUP_SCHEMA, "Group", "Group", GROUP_ATTRS),
        doc(
            ENTERPRISE_SCHEMA,
            "EnterpriseUser",
            "Enterprise User",
            ENTERPRISE_ATTRS,
        ),
    ]
}

fn attr_json(attr: &Attr) -> Value {
    let mutability = match attr.mutability {
        Mutability::ReadOnly => "readOnly",
        Mutability::ReadWrite => "readWrite",
        Mutability::Immutable => "immutable",
        Mutability::WriteOnly => "writeOnly",
    };
    let returned = match attr.returned {
        Returned::Always => "always",
        Returned::Never => "never",
        Returned::Default => "default",
    };
    let mut out = Map::new();
    out.insert("name".into(), json!(attr.name));
    out.insert("type".into(), json!(attr.ty.name()));
    out.insert("multiValued".into(), json!(attr.multi));
    out.insert("description".into(), json!(attr.name));
    out.insert("required".into(), json!(attr.required));
    if attr.ty != Type::Complex {
        out.insert("caseExact".into(), json!(attr.case_exact));
    }
    if !attr.canonical.is_empty() {
        out.insert("canonicalValues".into(), json!(attr.canonical));
    }
    if !attr.reference_types.is_empty() {
        out.insert("referenceTypes".into(), json!(attr.reference_types));
    }
    out.insert("mutability".into(), json!(mutability));
    out.insert("returned".into(), json!(returned));
    let uniqueness = if attr.unique { "server" } else { "none" };
    out.insert("uniqueness".into(), json!(uniqueness));
    if !attr.sub.is_empty() {
        let sub: Vec<Value> = attr.sub.iter().map(attr_json).collect();
        out.insert("subAttributes".into(), Value::Array(sub));
    }
    Value::Object(out)
}
