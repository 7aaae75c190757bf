//! The `gridorg` program: the editor window, or a command (see `gridorg --help`).

fn main() -> std::process::ExitCode {
    gridorg::cli::main()
}
