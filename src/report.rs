//! Renderings of the plan brief.
