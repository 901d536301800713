//! Running a helper program (tmux) with a deadline: a copy must never hang on a multiplexer
//! that does not answer, so the child is killed when its time is up.

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum RunError {
    #[error("{0} is not installed here")]
    Missing(String),
    #[error("{program} did not answer within {} ms", .after.as_millis())]
    TimedOut { program: String, after: Duration },
    #[error("{program} said: {said}")]
    Refused { program: String, said: String },
    #[error("cannot run {program}: {reason}")]
    Io { program: String, reason: String },
}

/// Runs `program args`, feeding it `input`, and returns what it printed. Fails when it is
/// missing, exits with an error, or takes longer than `limit`.
pub fn run(
    program: &str,
    args: &[&str],
    input: Option<&[u8]>,
    limit: Duration,
) -> Result<String, RunError> {
    let io = |e: std::io::Error| RunError::Io {
        program: program.to_owned(),
        reason: e.to_string(),
    };
    let mut child = Command::new(program)
        .args(args)
        .stdin(if input.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => RunError::Missing(program.to_owned()),
            _ => io(e),
        })?;
    // Writing and reading on threads of their own: a child that stops reading cannot make
    // us wait past the deadline.
    if let (Some(mut stdin), Some(input)) = (child.stdin.take(), input) {
        let input = input.to_vec();
        std::thread::spawn(move || {
            let _ = stdin.write_all(&input);
        });
    }
    let stdout = child.stdout.take().map(drain);
    let stderr = child.stderr.take().map(drain);
    let started = Instant::now();
    let status = loop {
        match child.try_wait().map_err(io)? {
            Some(status) => break status,
            None if started.elapsed() >= limit => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(RunError::TimedOut {
                    program: program.to_owned(),
                    after: limit,
                });
            }
            None => std::thread::sleep(Duration::from_millis(5)),
        }
    };
    // A grandchild may hold the pipes open after the child is gone: wait only as long as is left.
    let text = |h: Option<std::sync::mpsc::Receiver<String>>| {
        let left = limit.saturating_sub(started.elapsed()) + Duration::from_millis(50);
        h.and_then(|h| h.recv_timeout(left).ok())
            .unwrap_or_default()
    };
    let (out, err) = (text(stdout), text(stderr));
    if status.success() {
        Ok(out)
    } else {
        Err(RunError::Refused {
            program: program.to_owned(),
            said: first_line(&err),
        })
    }
}

fn drain(mut from: impl Read + Send + 'static) -> std::sync::mpsc::Receiver<String> {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        // Bounded: a helper's answer is a line or two.
        let _ = from.by_ref().take(64 * 1024).read_to_end(&mut bytes);
        let _ = tx.send(String::from_utf8_lossy(&bytes).into_owned());
    });
    rx
}

fn first_line(text: &str) -> String {
    let line = text.lines().next().unwrap_or("").trim();
    if line.is_empty() {
        "an error, without saying why".to_owned()
    } else {
        line.chars().take(200).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_input_and_failures_are_told_apart() {
        let limit = Duration::from_secs(5);
        assert_eq!(
            run("sh", &["-c", "cat; echo ok"], Some(b"in "), limit).unwrap(),
            "in ok\n"
        );
        assert_eq!(
            run(
                "sh",
                &["-c", "echo no such option >&2; exit 1"],
                None,
                limit
            ),
            Err(RunError::Refused {
                program: "sh".into(),
                said: "no such option".into()
            })
        );
        assert_eq!(
            run("kqlhunt-no-such-program", &[], None, limit),
            Err(RunError::Missing("kqlhunt-no-such-program".into()))
        );
    }

    #[test]
    fn a_helper_that_hangs_is_stopped_at_the_deadline() {
        let started = Instant::now();
        let outcome = run(
            "sh",
            &["-c", "sleep 30"],
            Some(&[b'x'; 256 * 1024]),
            Duration::from_millis(200),
        );
        assert!(
            matches!(outcome, Err(RunError::TimedOut { .. })),
            "{outcome:?}"
        );
        assert!(started.elapsed() < Duration::from_secs(5), "not held up");
    }
}
