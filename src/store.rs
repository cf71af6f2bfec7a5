//! The forum repository: RON records in git. Nothing here draws.

pub mod audit;
pub mod decide;
pub mod decode;
pub mod demo;
pub mod earlier;
pub mod error;
pub mod generate;
pub mod history;
pub mod housekeeping;
pub mod init;
pub mod layout;
pub mod locate;
pub mod plain_numbers;
pub mod problem;
pub mod proposals;
pub mod propose;
pub mod reorg;
pub mod repo;
pub mod source;
pub mod sync;
pub mod trust;
