//! The `roster` binary: everything is in the library, so that only what the tests reach is public.

fn main() -> std::process::ExitCode {
    roster::main()
}
