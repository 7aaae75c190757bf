//! The scales a synthetic document is generated at (docs/cli.md, "generate").

/// The scale of a synthetic document (docs/cli.md, "generate").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preset {
    /// One street: about 8 communities, 110 branches, 500 groups, 3,000 members.
    Street,
    /// A district: 8 streets, 60 communities, 900 branches, 4,000 groups, 25,000 members.
    District,
    /// A city: 31 streets, 378 communities, 4,691 branches, 20,000 groups, 45,000
    /// central households, 120,000 members.
    City,
}
