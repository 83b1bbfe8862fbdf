//! Components shared by pages: small, props in, callbacks out, no state of their own
//! beyond what the DOM needs.

pub mod code_block;
mod editor;
mod header;
pub mod icons;
mod output;
mod share_panel;

pub use code_block::CodeBlock;
pub use editor::{Editor, EditorProps};
pub use header::{Header, NavLink};
pub use output::{Output, OutputProps};
pub use share_panel::{SharePanel, SharePanelProps};
