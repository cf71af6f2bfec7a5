//! See ARCHITECTURE.md: phase.
