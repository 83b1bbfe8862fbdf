//! The Go subset (placeholder while the crate is being written).
