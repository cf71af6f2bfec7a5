//! See ARCHITECTURE.md: store/decide.
