//! Read-only highlighted code (gallery previews, later: explanations and lab pages), and
//! the segment rendering it shares with the editor's picture layer.

use yew::prelude::*;

use crate::code_view::{LineView, build_lines};

/// The styled segments of one line as nodes: text nodes, or `<span class>` around text.
/// Never HTML from strings: the text is program text.
pub fn render_segments(source: &str, line: &LineView) -> Html {
    html! {
        { for line.segments.iter().map(|seg| {
            let text = source.get(seg.range.clone()).unwrap_or_default().to_owned();
            if seg.class.is_none() && !seg.error {
                html! { { text } }
            } else {
                html! { <span class={classes!(seg.class, seg.error.then_some("squiggle"))}>{ text }</span> }
            }
        }) }
    }
}

#[derive(Properties, PartialEq)]
pub struct CodeBlockProps {
    pub source: AttrValue,
    #[prop_or_default]
    pub class: Classes,
}

/// Go source, highlighted by `lang::highlight`, one block per line.
#[component(CodeBlock)]
pub fn code_block(props: &CodeBlockProps) -> Html {
    let lines = use_memo(props.source.clone(), |source| {
        let highlights: Vec<_> = lang::highlight(source)
            .into_iter()
            .map(|h| (h.span, h.class.css_class()))
            .collect();
        build_lines(source, &highlights, &[])
    });
    let source = props.source.as_str();
    html! {
        <pre class={classes!("code-block", props.class.clone())}>
            { for lines.iter().map(|line| html! { <div class="code-line">{ render_segments(source, line) }</div> }) }
        </pre>
    }
}
