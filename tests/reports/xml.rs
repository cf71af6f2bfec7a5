//! Well-formedness of the HTML brief, which is written as XHTML-compatible markup: a real XML
//! parser (roxmltree) must accept it — every element closed in order, attribute values quoted
//! with no `<`, every `&` an XML entity or a numeric reference, one root element, and nothing
//! but a DOCTYPE and comments outside it.

/// Returns the element names in document order, or the parser's first error (with its
/// line and column).
pub fn check(doc: &str) -> Result<Vec<String>, String> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..roxmltree::ParsingOptions::default()
    };
    let parsed =
        roxmltree::Document::parse_with_options(doc, options).map_err(|e| e.to_string())?;
    Ok(parsed
        .descendants()
        .filter(roxmltree::Node::is_element)
        .map(|n| n.tag_name().name().to_string())
        .collect())
}

#[test]
fn the_checker_catches_what_it_should() {
    let ok = check("<!DOCTYPE html>\n<html><body><p>a &amp; b</p><br /></body></html>").unwrap();
    assert_eq!(ok, ["html", "body", "p", "br"]);
    assert!(check("<html><p></html>").is_err());
    assert!(check("<html><p>a & b</p></html>").is_err());
    assert!(check("<html><p>a&nbsp;b</p></html>").is_err());
    assert!(check("<html><p class=x>a</p></html>").is_err());
    assert!(check("<html></html><html></html>").is_err());
    assert!(check("<html><p title=\"a<b\">a</p></html>").is_err());
}
