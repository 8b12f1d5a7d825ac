//! Views written as markup strings, where reactivity buys nothing: a panel that is drawn
//! whole each time its record or language changes (the details panel) needs no reactive
//! node per paragraph. One `inner_html` assignment replaces Leptos's view code for each
//! shape of paragraph, list and link, which is what weighs in the wasm (`docs/performance.md`).
//! Links that select a record carry `data-sel`, which one listener handles
//! (`explore::intercept_select_links`); every text from the data is escaped.

use crate::geo::svg::escape_into;

/// Markup being written.
#[derive(Default)]
pub struct Markup(String);

impl Markup {
    /// Markup written by the app itself: tags and fixed attributes, never data.
    pub fn tag(&mut self, markup: &str) -> &mut Self {
        self.0.push_str(markup);
        self
    }

    /// Text (from the data or the interface's strings), escaped.
    pub fn text(&mut self, text: &str) -> &mut Self {
        escape_into(&mut self.0, text);
        self
    }

    /// ` name="value"`, the value escaped; for inside an opening tag.
    pub fn attr(&mut self, name: &str, value: &str) -> &mut Self {
        self.0.push(' ');
        self.0.push_str(name);
        self.0.push_str("=\"");
        escape_into(&mut self.0, value);
        self.0.push('"');
        self
    }

    /// `<tag class="class">text</tag>`.
    pub fn element(&mut self, tag: &str, class: &str, text: &str) -> &mut Self {
        self.tag("<").tag(tag);
        if !class.is_empty() {
            self.attr("class", class);
        }
        self.tag(">").text(text).tag("</").tag(tag).tag(">")
    }

    /// A link that selects `id` in place (the markup of `explore::SelectLink`).
    pub fn select_link(&mut self, id: &str, text: &str) -> &mut Self {
        let href = super::location::href_selecting(id);
        self.tag("<a")
            .attr("href", &href)
            .attr("data-sel", id)
            .tag(">")
            .text(text)
            .tag("</a>")
    }

    /// A link to another site, opened in a new tab.
    pub fn outside_link(&mut self, url: &str, text: &str) -> &mut Self {
        self.tag("<a")
            .attr("href", url)
            .tag(" rel=\"noopener noreferrer\" target=\"_blank\">")
            .text(text)
            .tag("</a>")
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_attributes_from_data_stay_inert() {
        let mut m = Markup::default();
        m.tag("<p").attr("title", "a\"b<c>").tag(">");
        m.text("<script>x & y</script>").tag("</p>");
        m.element("li", "", "'1'").element("span", "k", "2");
        assert_eq!(
            m.into_string(),
            "<p title=\"a&quot;b&lt;c&gt;\">&lt;script&gt;x &amp; y&lt;/script&gt;</p><li>&#39;1&#39;</li><span class=\"k\">2</span>"
        );
    }

    #[test]
    fn outside_links_open_a_new_tab_without_the_opener() {
        let mut m = Markup::default();
        m.outside_link("https://example.org/?a=1&b=2", "Ex");
        assert_eq!(
            m.into_string(),
            "<a href=\"https://example.org/?a=1&amp;b=2\" rel=\"noopener noreferrer\" target=\"_blank\">Ex</a>"
        );
    }
}
