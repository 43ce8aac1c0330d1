//! `*_command` secret sources: run through `sh`, the trimmed stdout is the secret.

use crate::secret::Secret;

/// Lines of a failing command's stderr shown, and characters per line.
const STDERR_LINES: usize = 5;
const STDERR_LINE_CHARS: usize = 200;

/// Run `cmd` and return its trimmed stdout. On failure the message quotes its stderr (a few
/// lines, cut if long, control characters escaped) and never its stdout, which may hold the
/// secret or part of it.
pub(super) fn run_secret_command(cmd: &str) -> Result<Secret, String> {
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(cmd)
        .stdin(std::process::Stdio::null())
        .output()
        .map_err(|e| format!("cannot run `{cmd}`: {e}"))?;
    if !out.status.success() {
        let said = stderr_excerpt(&String::from_utf8_lossy(&out.stderr));
        let said = if said.is_empty() {
            " and printed nothing on stderr".to_string()
        } else {
            format!(":\n{said}")
        };
        return Err(format!("`{cmd}` failed ({}){said}", out.status));
    }
    let value = String::from_utf8(out.stdout)
        .map_err(|_| format!("`{cmd}` printed something that is not UTF-8"))?;
    let value = value.trim();
    if value.is_empty() {
        return Err(format!("`{cmd}` printed nothing"));
    }
    Ok(Secret::new(value))
}

/// The first lines of `stderr`, trimmed, each indented and cut to a readable length, with the
/// number of lines left out.
fn stderr_excerpt(stderr: &str) -> String {
    let lines: Vec<&str> = stderr
        .trim()
        .lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty())
        .collect();
    let mut shown: Vec<String> = lines
        .iter()
        .take(STDERR_LINES)
        .map(|line| {
            let escaped: String = line
                .chars()
                .flat_map(|c| {
                    if c.is_control() && c != '\t' {
                        c.escape_default().collect::<Vec<_>>()
                    } else {
                        vec![c]
                    }
                })
                .collect();
            let cut: String = escaped.chars().take(STDERR_LINE_CHARS).collect();
            if cut.len() < escaped.len() {
                format!("  {cut}...")
            } else {
                format!("  {cut}")
            }
        })
        .collect();
    if lines.len() > STDERR_LINES {
        shown.push(format!("  ({} more lines)", lines.len() - STDERR_LINES));
    }
    shown.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failure_shows_stderr_and_never_stdout() {
        // The command's own text is quoted, so the secret is printed in two halves.
        let e = run_secret_command(
            "printf '%s%s\\n' secret- value; echo first >&2; echo second >&2; exit 3",
        )
        .unwrap_err();
        assert!(e.contains("first") && e.contains("second"), "{e}");
        assert!(!e.contains("secret-value"), "{e}");
        let e = run_secret_command("exit 2").unwrap_err();
        assert!(e.contains("printed nothing on stderr"), "{e}");
    }

    #[test]
    fn long_stderr_is_cut_and_escaped() {
        let text = format!("{}\n\x1b[31mred\n3\n4\n5\n6\n7\n", "x".repeat(1000));
        let shown = stderr_excerpt(&text);
        assert!(shown.contains("(2 more lines)"), "{shown}");
        assert!(!shown.contains('\x1b'), "{shown}");
        assert!(shown.len() < 400, "{shown}");
    }
}
