//! The forum's rules and arithmetic. Pure: no git, no terminal, no RON, no file system.

pub mod actuals;
pub mod agenda;
pub mod allocation;
pub mod analysis;
pub mod audit;
pub mod cross;
pub mod decision;
pub mod defence;
pub mod evidence;
pub mod finding;
pub mod maps;
pub mod money;
pub mod money_input;
pub mod phase;
pub mod ranking;
pub mod rebudget;
pub mod records;
pub mod results;
pub mod scoring;
pub mod sensitivity;
pub mod session;
pub mod snapshot;
pub mod text;
pub mod validate;
pub mod weights;
