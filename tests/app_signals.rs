//! Signals in the meeting app, through the real binary in tmux: every catchable signal that
//! would end the process restores the terminal first; SIGTSTP (and Ctrl-Z) suspend with the
//! terminal restored, and `fg` resumes with the screen redrawn and the keys working.

use crate::app::{Tmux, app_pid, assert_restored, demo_repo, have_tmux, shell, start};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

fn kill(signal: &str, pid: &str) {
    let sent = Command::new("kill")
        .args([&format!("-{signal}"), pid])
        .status()
        .unwrap();
    assert!(sent.success(), "kill -{signal} {pid}");
}

/// Polls a tmux format until it reads `want`.
fn wait_format(t: &Tmux, format: &str, want: &str) {
    let start = Instant::now();
    loop {
        let got = t.format(format);
        if got == want {
            return;
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "{format} is {got:?}, never {want:?}:\n{}",
            t.screen()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn every_catchable_quit_signal_restores_the_terminal() {
    if !have_tmux() {
        eprintln!("tmux is missing: skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let repo = demo_repo(dir.path());
    for signal in ["QUIT", "USR1", "USR2", "PIPE", "ALRM"] {
        let (t, after) = start(dir.path(), &repo, &signal.to_lowercase());
        t.wait_for("FY2027 Customer Experience Forum");
        assert_eq!(t.format("#{alternate_on}"), "1", "{signal}");
        kill(signal, &app_pid(&t));
        assert_restored(&t, &after);
    }
}

fn stty_after(t: &Tmux, file: &Path) -> String {
    let _ = std::fs::remove_file(file);
    t.text(&format!("stty -a > {}", file.display()));
    t.keys(&["Enter"]);
    let start = Instant::now();
    loop {
        if let Ok(s) = std::fs::read_to_string(file)
            && s.contains("speed")
        {
            return s;
        }
        assert!(start.elapsed() < Duration::from_secs(60), "no stty");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn sigtstp_and_ctrl_z_suspend_with_the_terminal_restored_and_fg_resumes() {
    if !have_tmux() {
        eprintln!("tmux is missing: skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let repo = demo_repo(dir.path());
    let bin = assert_cmd::cargo::cargo_bin("roundtable");
    let t = shell("tstp");
    t.text(&format!("{} --repo {}", bin.display(), repo.display()));
    t.keys(&["Enter"]);
    t.wait_for("FY2027 Customer Experience Forum");
    let pid = app_pid(&t);
    let stty = dir.path().join("stty");

    // kill -TSTP from outside, then Ctrl-Z typed in the app.
    for (round, stop) in ["signal", "ctrl-z"].into_iter().enumerate() {
        if stop == "signal" {
            kill("TSTP", &pid);
        } else {
            t.keys(&["C-z"]);
        }
        wait_format(&t, "#{alternate_on} #{mouse_any_flag}", "0 0");
        let s = stty_after(&t, &stty);
        assert!(
            s.contains(" icanon") && s.contains(" echo"),
            "{stop}: raw mode left on while suspended:\n{s}"
        );
        let state = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
        let field = state.rsplit(')').next().unwrap_or("").trim_start();
        assert!(
            field.starts_with('T'),
            "{stop}: the app is stopped: {state}"
        );

        t.text("fg");
        t.keys(&["Enter"]);
        wait_format(&t, "#{alternate_on} #{mouse_any_flag}", "1 1");
        t.wait_for("FY2027 Customer Experience Forum");
        // Keys work after the resume: a screen change, then back.
        let (key, shows) = if round == 0 {
            ("3", "Head-to-head margins")
        } else {
            ("6", "Rule vs greedy")
        };
        t.keys(&[key]);
        t.wait_for(shows);
        t.keys(&["1"]);
        t.wait_for("Last decisions");
    }
    t.keys(&["q"]);
    wait_format(&t, "#{alternate_on} #{mouse_any_flag}", "0 0");
    let s = stty_after(&t, &stty);
    assert!(s.contains(" icanon"), "{s}");
    assert!(
        !Path::new(&format!("/proc/{pid}")).exists() || {
            std::thread::sleep(Duration::from_millis(500));
            !Path::new(&format!("/proc/{pid}")).exists()
        }
    );
}
