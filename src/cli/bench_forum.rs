//! `roundtable bench-forum DIR`: write a large generated forum with a long history.

use crate::cli::context::CmdResult;
use crate::store::generate::{Plan, generate};
use crate::store::housekeeping::{Packed, objects_size, pack};
use std::process::ExitCode;
use std::time::Instant;

/// The arguments of `roundtable bench-forum`.
#[derive(Debug, Clone, clap::Args)]
pub struct BenchForumArgs {
    /// Where to write the repository.
    pub dir: std::path::PathBuf,
    #[arg(long, default_value_t = 2000)]
    pub initiatives: usize,
    #[arg(long, default_value_t = 10000)]
    pub commits: usize,
    #[arg(long, default_value_t = 50)]
    pub silos: usize,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

/// Generates the forum, packs it as `git gc --auto` would, and prints what it made.
pub fn run(args: &BenchForumArgs) -> CmdResult {
    let (dir, initiatives, commits, silos, seed) = (
        args.dir.as_path(),
        args.initiatives,
        args.commits,
        args.silos,
        args.seed,
    );
    let plan = Plan {
        forum_id: "fy2027-bench".into(),
        silos,
        initiatives,
        commits,
        seed,
    };
    let started = Instant::now();
    let generated = generate(dir, &plan)?;
    let took = started.elapsed();
    let git_dir = dir.join(".git");
    let before = objects_size(&git_dir);
    let started = Instant::now();
    let packed = pack(&git_dir);
    let pack_took = started.elapsed();
    let after = objects_size(&git_dir);
    println!(
        "wrote forum `{}` in {}: {} commits on {} ({} silos, {} initiatives, seed {seed}) in {:.1} s",
        plan.forum_id,
        dir.display(),
        generated.commits,
        generated.branch,
        silos,
        initiatives,
        took.as_secs_f64()
    );
    let mib = |b: u64| b as f64 / (1024.0 * 1024.0);
    match packed {
        Packed::Failed(why) => println!(
            "objects: {:.1} MiB loose; packing failed: {}",
            mib(before),
            crate::domain::text::sanitize(&why)
        ),
        _ => println!(
            "objects: {:.1} MiB loose before packing, {:.1} MiB after `git gc --auto` ({:.1} s)",
            mib(before),
            mib(after),
            pack_took.as_secs_f64()
        ),
    }
    Ok(ExitCode::SUCCESS)
}
