//! The simulated Go runtime (placeholder while the crate is being written).
