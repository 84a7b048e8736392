//! Running the `betterwork` command line as an operator would.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use super::{FreshDatabase, SECRET};

/// Runs `command`, feeding it `stdin` if given, and waits for it to finish.
pub fn run(mut command: Command, stdin: Option<&str>) -> Output {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("running betterwork");
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(input.as_bytes())
            .expect("writing to stdin");
    }
    drop(child.stdin.take());
    child.wait_with_output().expect("betterwork finished")
}

/// Runs `betterwork ARGS` on `database` with nothing else from the environment but `PATH`.
pub fn betterwork(database: &FreshDatabase, args: &[&str], stdin: Option<&str>) -> Output {
    run(betterwork_command(database, args), stdin)
}

/// The command `betterwork ARGS` on `database`, ready to start, with nothing else from the
/// environment but `PATH`. `BETTERWORK_BIN` names another build of the binary to run (CI
/// runs the reliability checks against a release build, as people would use it).
pub fn betterwork_command(database: &FreshDatabase, args: &[&str]) -> Command {
    let binary = std::env::var("BETTERWORK_BIN")
        .unwrap_or_else(|_| env!("CARGO_BIN_EXE_betterwork").to_string());
    let mut command = Command::new(binary);
    command
        .args(args)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("DATABASE_URL", &database.url)
        .env("BETTERWORK_DATA_DIR", database.dir.path())
        .env("BETTERWORK_JWT_SECRET", SECRET)
        .env("BETTERWORK_LOG", "warn")
        .current_dir(database.dir.path());
    command
}

/// Runs `betterwork create-org` for an organisation `name` of `kind` (`"employer"`…).
pub fn create_organisation(database: &FreshDatabase, name: &str, kind: &str) -> Output {
    let args = ["create-org", "--name", name, "--kind", kind];
    betterwork(database, &args, None)
}

/// Output as text.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The error a command printed, after checking that it failed.
pub fn failure(output: &Output) -> String {
    assert!(!output.status.success(), "expected a failure: {output:?}");
    text(&output.stderr)
}
