//! The `betterwork` binary: the command line in `betterwork::cli`.

fn main() -> std::process::ExitCode {
    betterwork::cli::main()
}
