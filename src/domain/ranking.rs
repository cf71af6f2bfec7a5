//! See ARCHITECTURE.md: ranking.
