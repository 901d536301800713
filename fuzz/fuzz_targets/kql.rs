//! Any text as KQL: lexer, parser, colours, completion and diagnostics never panic, and the
//! formatter only ever moves whitespace.
#![no_main]

use kqlhunt::assist::knowledge::Knowledge;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = kqlhunt::kql::parse(text);
    let _ = kqlhunt::assist::highlight::highlight(text);
    if let Ok(formatted) = kqlhunt::assist::format::format(text) {
        let tokens = |t: &str| -> Vec<String> {
            kqlhunt::kql::lex(t).iter().map(|k| k.text(t).to_owned()).collect()
        };
        assert_eq!(tokens(&formatted), tokens(text), "the formatter changed a token");
    }
    thread_local! {
        static KNOWLEDGE: Knowledge = Knowledge::default();
    }
    KNOWLEDGE.with(|knowledge| {
        for cursor in [0, text.len() / 2, text.len()] {
            let _ = kqlhunt::assist::complete::complete(knowledge, text, cursor);
        }
        let _ = kqlhunt::assist::diagnose::diagnose(knowledge, text, Default::default());
    });
});
