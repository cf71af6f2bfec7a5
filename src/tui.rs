//! The meeting app (see ARCHITECTURE.md).
