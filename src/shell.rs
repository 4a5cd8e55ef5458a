//! Shell completion scripts and the manual page, made from the same definitions as
//! `--help` (`cli.rs`), so they name every subcommand and option `--help` does.

use std::io::{self, Write};

use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::Cli;

/// `clipdex completions SHELL`: the completion script for `shell`.
pub fn completions(shell: Shell, out: &mut impl Write) -> io::Result<()> {
    let mut command = Cli::command();
    clap_complete::generate(shell, &mut command, "clipdex", out);
    Ok(())
}

/// `clipdex man`: the manual page, in roff, with a section for each subcommand.
pub fn man(out: &mut impl Write) -> io::Result<()> {
    let command = Cli::command();
    clap_mangen::Man::new(command.clone()).render(out)?;
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        let name = sub.get_name();
        writeln!(out, ".SH \"CLIPDEX {}\"", name.to_uppercase())?;
        let mut page = Vec::new();
        let part = clap_mangen::Man::new(sub.clone().bin_name(format!("clipdex {name}")));
        part.render_description_section(&mut page)?;
        part.render_synopsis_section(&mut page)?;
        part.render_options_section(&mut page)?;
        // Each part opens with its own .SH heading; under this one they are .SS.
        let page = String::from_utf8_lossy(&page).replace(".SH ", ".SS ");
        out.write_all(page.as_bytes())?;
    }
    Ok(())
}
