//! The 嵌入代码 panel's two snippets (the custom element, the iframe) for the figures entered now. They
//! hold typed values: the page sets them as a text box's value, never as markup.

use crate::html::escaped;
use crate::link_body;
use minzheng_core::fragment;
use minzheng_text::{page as t, Lang};

/// The two snippets.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Snippets {
    pub element: String,
    pub iframe: String,
}

/// The snippets for `values` in `lang`; `base` is where the site's files are as seen from a host page
/// (this page's folder when served, `./` from a file).
pub fn snippets(base: &str, values: &[(String, String)], lang: Lang) -> Snippets {
    let script = format!("<script type=\"module\" src=\"{}\"></script>", escaped(&format!("{base}embed.js")));
    let lang_code = if lang == Lang::En { "en" } else { "zh" };
    let mut element = format!("{script}\n<minzheng-calc lang=\"{lang_code}\"");
    for (k, v) in values {
        // Keys are checked against the contract (so they are plain ASCII names); values are escaped.
        if k != "lang" && !v.is_empty() && fragment::is_known_key(k) {
            element.push_str(&format!("\n  {k}=\"{}\"", escaped(v)));
        }
    }
    element.push_str("></minzheng-calc>");
    let body = link_body(values, lang);
    let hash = if body.is_empty() { String::new() } else { format!("#{body}") };
    let iframe = format!(
        "<iframe src=\"{}\" title=\"{}\" width=\"100%\" height=\"1200\" loading=\"lazy\"></iframe>\n{script}",
        escaped(&format!("{base}index.html?embed=1{hash}")),
        escaped(t::TITLE.get(lang)),
    );
    Snippets { element, iframe }
}
