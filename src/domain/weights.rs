//! See ARCHITECTURE.md: weights.
