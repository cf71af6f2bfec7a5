//! See ARCHITECTURE.md: store/history.
