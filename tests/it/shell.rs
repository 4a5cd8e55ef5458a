//! `clipdex completions` and `clipdex man`: made from the definitions `--help` prints, so
//! each names every subcommand, and they need no index.

use crate::common::Env;

/// The subcommands `clipdex --help` lists.
fn subcommands(env: &Env) -> Vec<String> {
    let help = env.run(&["--help"]).expect_code(0).stdout;
    help.lines()
        .skip_while(|line| !line.starts_with("Commands:"))
        .skip(1)
        .take_while(|line| line.starts_with("  "))
        .filter_map(|line| line.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_string)
        .collect()
}

#[test]
fn every_shell_completes_every_subcommand() {
    let env = Env::new();
    let names = subcommands(&env);
    assert!(names.len() >= 10, "{names:?}");
    assert!(names.contains(&"completions".to_string()) && names.contains(&"man".to_string()));
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = env.run(&["completions", shell]).expect_code(0).stdout;
        for name in &names {
            assert!(script.contains(name.as_str()), "{shell} lacks {name}");
        }
        assert!(script.contains("since"), "{shell} lacks the options");
    }
    let refused = env.run(&["completions", "tcsh"]).expect_code(2).stderr;
    assert!(refused.contains("invalid value 'tcsh'"), "{refused}");
}

#[test]
fn the_man_page_has_a_section_for_every_subcommand() {
    let env = Env::new();
    let page = env.run(&["man"]).expect_code(0).stdout;
    assert!(page.contains(".TH clipdex 1"), "{page}");
    for name in subcommands(&env) {
        let heading = format!(".SH \"CLIPDEX {}\"", name.to_uppercase());
        assert!(page.contains(&heading), "no {heading}");
    }
    assert!(page.contains("\\-\\-copies"), "options are listed");
}

#[test]
fn neither_needs_an_index_or_a_place_for_one() {
    let env = Env::new();
    for args in [&["man"][..], &["completions", "bash"][..]] {
        let run = env
            .command(args)
            .env_remove("CLIPDEX_INDEX")
            .env_remove("HOME")
            .env_remove("XDG_DATA_HOME")
            .output()
            .expect("run clipdex");
        assert_eq!(run.status.code(), Some(0), "{args:?}");
        assert!(!env.index_dir().exists());
    }
}
