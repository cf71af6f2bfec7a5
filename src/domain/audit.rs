//! See ARCHITECTURE.md: audit.
