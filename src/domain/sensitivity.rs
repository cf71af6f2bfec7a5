//! See ARCHITECTURE.md: sensitivity.
