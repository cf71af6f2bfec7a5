//! The fuzz targets' bodies (fuzz/bodies.rs) on their corpus (fuzz/corpus/<target>/), and on
//! every record of the bundled forum under every record kind: CI runs what the fuzzers check
//! without a nightly toolchain.

#[path = "../fuzz/bodies.rs"]
mod bodies;

use std::path::Path;

fn corpus(target: &str) -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut out: Vec<Vec<u8>> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| std::fs::read(e.unwrap().path()).unwrap())
        .collect();
    out.sort();
    assert!(out.len() >= 5, "the corpus of {target} is there");
    out
}

#[test]
fn the_decode_target_holds_on_its_corpus_and_every_example_record() {
    for input in corpus("decode") {
        bodies::decode_one(&input);
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("forums/fy2027-cx");
    let mut files = Vec::new();
    let mut stack = vec![root];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                files.push(std::fs::read(&p).unwrap());
            }
        }
    }
    assert!(files.len() > 20);
    for bytes in files {
        for kind in 0..bodies::KINDS.len() {
            let mut input = vec![u8::try_from(kind).unwrap()];
            input.extend_from_slice(&bytes);
            bodies::decode_one(&input);
        }
    }
}

#[test]
fn the_sanitize_target_holds_on_its_corpus() {
    for input in corpus("sanitize") {
        bodies::sanitize_one(&input);
    }
}
