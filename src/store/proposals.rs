//! See ARCHITECTURE.md: store/proposals.
