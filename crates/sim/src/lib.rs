//! The simulation kernel (placeholder while the crate is being written).
