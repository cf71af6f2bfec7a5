//! See ARCHITECTURE.md: allocation.
