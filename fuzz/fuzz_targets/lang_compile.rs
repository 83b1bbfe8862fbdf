//! Lexer, parser and type checker on arbitrary text: `lang::compile` and `lang::highlight`
//! must return diagnostics for anything, never panic, never loop.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(source) = std::str::from_utf8(data) {
        let _ = lang::highlight(source);
        if let Err(diagnostics) = lang::compile(source) {
            // Every diagnostic points inside the text (line:col are 1-based).
            for d in diagnostics {
                let _ = d.render("prog.go");
            }
        }
    }
});
