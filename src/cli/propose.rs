//! `roundtable propose`: a silo's proposal file from a template, committed on a new branch.

use crate::cli::context::{CmdResult, Global, refuse};
use crate::domain::finding::closest;
use crate::domain::records::{Money, Phase};
use crate::domain::snapshot::Snapshot;
use crate::domain::text::{check_line, sanitize};
use crate::store::layout::is_valid_id;
use crate::store::propose::commit_on_new_branch;
use std::fmt::Write;
use std::process::ExitCode;

/// The arguments of `roundtable propose`.
#[derive(Debug, Clone, clap::Args)]
pub struct ProposeArgs {
    /// The silo proposing (its folder under initiatives/).
    #[arg(long)]
    pub silo: String,
    #[arg(long)]
    pub title: String,
    #[arg(long)]
    pub cost: Option<u64>,
    /// The initiative id (default: derived from the title).
    #[arg(long)]
    pub id: Option<String>,
}

/// What the silo asked for on the command line.
pub struct Request<'a> {
    pub silo: &'a str,
    pub title: &'a str,
    pub cost: Option<Money>,
    pub id: Option<&'a str>,
}

/// Writes the proposal on `proposal/<silo>/<id>` from HEAD, leaving the work tree alone.
pub fn run(g: &Global, args: &ProposeArgs) -> CmdResult {
    let r = &Request {
        silo: &args.silo,
        title: &args.title,
        cost: args.cost,
        id: args.id.as_deref(),
    };
    let (repo, loaded) = g.load_at(None)?;
    let s = &loaded.snapshot;
    if s.forum.phase > Phase::Scoring {
        return Err(refuse(
            format!(
                "the forum is in phase {}: new initiatives are accepted up to and including Scoring",
                s.forum.phase
            ),
            Some("ask the facilitator whether the forum will reopen to Scoring"),
        ));
    }
    let Some(silo) = s.silos.get(r.silo) else {
        let hint = closest(r.silo, s.silos.keys().map(String::as_str))
            .map(|c| format!("did you mean `{c}`?"))
            .unwrap_or_else(|| {
                format!(
                    "the silos are: {}",
                    s.silos.keys().cloned().collect::<Vec<_>>().join(", ")
                )
            });
        return Err(refuse(
            format!("no silo `{}`", sanitize(r.silo)),
            Some(&hint),
        ));
    };
    if check_line(r.title).is_err() || r.title.trim().is_empty() {
        return Err(refuse(
            "the title must be one line of visible text",
            Some("pass it in quotes: --title \"Faster refunds\""),
        ));
    }
    let id = match r.id {
        Some(id) => id.to_string(),
        None => slug(r.title),
    };
    if !is_valid_id(&id) {
        return Err(refuse(
            format!("`{}` is not a valid initiative id", sanitize(&id)),
            Some(
                "ids are lower-case letters, digits and `-`, 1–64 characters; choose one with --id",
            ),
        ));
    }
    if let Some(p) = s.initiatives.get(&id) {
        return Err(refuse(
            format!(
                "the initiative id `{id}` is already used by silo `{}`",
                p.silo
            ),
            Some("choose another id with --id"),
        ));
    }
    let path = format!("forums/{}/initiatives/{}/{id}.ron", s.id, r.silo);
    let branch = format!("proposal/{}/{id}", r.silo);
    let text = template(s, r, &silo.lead)?;
    let message = format!(
        "Propose {}\n\n{} proposes a new initiative from the template; edit it on this branch and open a pull request.\n\nForum: {}\nDecision: propose\nDecided-By: {}\n",
        sanitize(r.title),
        sanitize(&silo.name),
        s.id,
        silo.lead
    );
    let head = repo.resolve("HEAD")?;
    commit_on_new_branch(&repo.repo, head, &branch, &path, text.as_bytes(), &message)?;
    println!("Created branch {branch} with {path}.");
    println!("Next:");
    println!("  git switch {branch}");
    println!("  edit {path}  (summary, addresses, goal, cost)");
    println!("  roundtable check");
    println!("  git commit -am \"Describe the proposal\" && git push -u origin {branch}");
    println!("  open a pull request; CI runs `roundtable check --proposal`");
    Ok(ExitCode::SUCCESS)
}

/// An id from a title: lower-case ASCII letters and digits, words joined by `-`, at most 48
/// characters cut at a word boundary.
pub fn slug(title: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut word = String::new();
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            word.push(c.to_ascii_lowercase());
        } else if !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    let mut out = String::new();
    for w in words {
        if !out.is_empty() && out.len() + 1 + w.len() > 48 {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&w);
    }
    out.chars().take(64).collect()
}

fn template(s: &Snapshot, r: &Request, lead: &str) -> anyhow::Result<String> {
    let title = ron::to_string(r.title)?;
    let owner = ron::to_string(lead)?;
    let mut o = String::new();
    let _ = writeln!(
        o,
        "// A proposal of silo `{}` to {}, written by `roundtable propose`.",
        r.silo,
        sanitize(&s.forum.title)
    );
    o.push_str(
        "// Fill in every field, run `roundtable check`, commit, push and open a pull request.\n",
    );
    let _ = writeln!(
        o,
        "// Money is whole {}; `owner` is a member id; `addresses` lists priority ids:",
        sanitize(&s.forum.currency)
    );
    let order: Vec<String> = match &s.ranking {
        Some(r) => r.order.clone(),
        None => s.priorities.keys().cloned().collect(),
    };
    for id in &order {
        if let Some(p) = s.priorities.get(id) {
            let _ = writeln!(o, "//   {id:<24} {}", sanitize(&p.title));
        }
    }
    let _ = write!(
        o,
        r#"Initiative(
    title: {title},
    summary: {summary:?},
    owner: {owner},
    cost: {},
    addresses: [],
    // goal: Some(Goal(metric: "what you will measure", unit: "%", baseline: 0.0, target: 0.0)),
    goal: None,
    depends_on: [],
    excludes: [],
    mandatory: false,
)
"#,
        r.cost.unwrap_or(0),
        summary = crate::domain::validate::PLACEHOLDER_SUMMARY,
    );
    Ok(o)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_from_titles() {
        assert_eq!(slug("Faster refunds!"), "faster-refunds");
        assert_eq!(slug("  Über  cool: v2 "), "ber-cool-v2");
        assert_eq!(slug("Ünïcode"), "n-code");
        assert!(slug(&"word ".repeat(40)).len() <= 48);
        assert_eq!(slug("!!!"), "");
    }
}
