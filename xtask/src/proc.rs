//! Running child processes: plainly, capturing their output, or streaming it while
//! counting the tests it reports.

use crate::counts::Counts;
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::thread;

/// A command line shown to the user before it runs.
pub fn describe(cmd: &Command) -> String {
    let mut text = cmd.get_program().to_string_lossy().into_owned();
    for arg in cmd.get_args() {
        text.push(' ');
        text.push_str(&arg.to_string_lossy());
    }
    text
}

/// Runs a command with inherited output; Err with a message if it cannot start or fails.
pub fn run(cmd: &mut Command) -> Result<(), String> {
    println!("$ {}", describe(cmd));
    let status = cmd
        .status()
        .map_err(|e| format!("could not start `{}`: {e}", describe(cmd)))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{}` failed ({status})", describe(cmd)))
    }
}

/// Runs a command and returns its standard output if it succeeds; None otherwise
/// (including when the program does not exist). Used for version checks.
pub fn output(cmd: &mut Command) -> Option<String> {
    let out = cmd.stderr(Stdio::null()).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Runs a command, echoing its output line by line and counting the test results it
/// reports. Returns whether it succeeded, and the counts.
pub fn run_counting(cmd: &mut Command) -> (bool, Counts) {
    println!("$ {}", describe(cmd));
    let mut child = match cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn() {
        Ok(child) => child,
        Err(e) => {
            eprintln!("could not start `{}`: {e}", describe(cmd));
            return (false, Counts::default());
        }
    };
    let (tx, rx) = mpsc::channel::<String>();
    let mut readers = Vec::new();
    if let Some(out) = child.stdout.take() {
        readers.push(forward(out, tx.clone(), false));
    }
    if let Some(err) = child.stderr.take() {
        readers.push(forward(err, tx.clone(), true));
    }
    drop(tx);
    let mut counts = Counts::default();
    for line in rx {
        counts.observe(&line);
    }
    for reader in readers {
        let _ = reader.join();
    }
    let ok = child.wait().map(|s| s.success()).unwrap_or(false);
    (ok, counts)
}

/// Copies a pipe to our own stdout or stderr line by line and sends each line on.
fn forward(
    pipe: impl Read + Send + 'static,
    tx: mpsc::Sender<String>,
    to_stderr: bool,
) -> thread::JoinHandle<()> {
    thread::spawn(move || {
        let mut reader = BufReader::new(pipe);
        let mut buf = Vec::new();
        loop {
            buf.clear();
            match reader.read_until(b'\n', &mut buf) {
                Ok(0) | Err(_) => break,
                Ok(_) => {
                    let line = String::from_utf8_lossy(&buf).into_owned();
                    if to_stderr {
                        let _ = std::io::stderr().write_all(line.as_bytes());
                    } else {
                        let _ = std::io::stdout().write_all(line.as_bytes());
                    }
                    if tx.send(line).is_err() {
                        break;
                    }
                }
            }
        }
    })
}
