//! See ARCHITECTURE.md: scoring.
