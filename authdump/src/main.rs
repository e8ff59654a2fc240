//! The `authdump` command: everything is in the library ([`authdump::run`]),
//! so that the tests and benchmarks drive the same code.

use std::io::{self, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let stdout = io::stdout();
    let stderr = io::stderr();
    match authdump::run(
        std::env::args_os().skip(1),
        io::stdin().lock(),
        &mut stdout.lock(),
        &mut stderr.lock(),
    ) {
        Ok(code) => ExitCode::from(code),
        // A closed pipe (`authdump ... | head`) is not worth a message.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::from(authdump::EXIT_OK),
        Err(e) => {
            let _ = writeln!(io::stderr(), "authdump: {e}");
            ExitCode::from(authdump::EXIT_PARSE_ERROR)
        }
    }
}
