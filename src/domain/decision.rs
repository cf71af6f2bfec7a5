//! Each decision kind defined once: its authority (who may make it, in which phases, which
//! records it may change), and its builder (a typed request → the records it writes and the
//! commit's summary). The CLI, the meeting app, `store::decide` and `verify` all read it here.

mod authority;
mod definition;
mod motion;
mod plan;

pub use authority::{Deed, approving_silos, authority, out_of_phase};
pub use definition::{DEFINITIONS, Definition, Who, definition};
pub use motion::Motion;
pub use plan::{Plan, Written, plan};
