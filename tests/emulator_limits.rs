//! The emulator holds up against hostile clients: no body is read before the caller is known,
//! bodies are capped, and running out of file descriptors once does not stop it for good.

use std::io::{BufRead, Read, Write};
use std::net::TcpStream;
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use kqlhunt::emulator::{Emulator, EmulatorConfig};

/// Sends `head` (and `body`) and reads the status line, within `limit`.
fn status_of(addr: &str, head: &str, body: &[u8], limit: Duration) -> String {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(limit)).unwrap();
    stream.write_all(head.as_bytes()).unwrap();
    // A server that stops reading may close early: the status is what counts.
    let _ = stream.write_all(body);
    let mut answer = Vec::new();
    let mut chunk = [0u8; 4096];
    let started = Instant::now();
    while !answer.windows(4).any(|w| w == b"\r\n\r\n") && started.elapsed() < limit {
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => break,
            Ok(n) => answer.extend_from_slice(&chunk[..n]),
        }
    }
    let text = String::from_utf8_lossy(&answer).into_owned();
    text.lines().next().unwrap_or("no answer").to_owned()
}

async fn small_emulator() -> Emulator {
    Emulator::start(EmulatorConfig {
        rows_scale: 0.01,
        ..EmulatorConfig::default()
    })
    .await
    .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_stranger_is_refused_before_its_body_is_read() {
    let emulator = small_emulator().await;
    let addr = emulator.url.trim_start_matches("http://").to_owned();
    // A 1.2 GB body is announced and never sent: the answer must not wait for it.
    let status = tokio::task::block_in_place(|| {
        status_of(
            &addr,
            "POST /v1.0/security/runHuntingQuery HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1200000000\r\n\r\n",
            b"{\"Query\":",
            Duration::from_secs(5),
        )
    });
    assert!(status.contains(" 401"), "{status}");
}

#[tokio::test(flavor = "multi_thread")]
async fn bodies_past_the_cap_are_refused_with_413() {
    let emulator = small_emulator().await;
    let addr = emulator.url.trim_start_matches("http://").to_owned();
    let token_path = "/demo/oauth2/v2.0/token";
    let announced = tokio::task::block_in_place(|| {
        status_of(
            &addr,
            &format!("POST {token_path} HTTP/1.1\r\nHost: x\r\nContent-Length: 1200000000\r\n\r\n"),
            b"grant_type=",
            Duration::from_secs(5),
        )
    });
    assert!(announced.contains(" 413"), "{announced}");
    // Sent without a length, in chunks: counted as it arrives.
    let big = vec![b'a'; 9 << 20];
    let mut chunked = format!("{:x}\r\n", big.len()).into_bytes();
    chunked.extend_from_slice(&big);
    chunked.extend_from_slice(b"\r\n0\r\n\r\n");
    let streamed = tokio::task::block_in_place(|| {
        status_of(
            &addr,
            &format!("POST {token_path} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"),
            &chunked,
            Duration::from_secs(5),
        )
    });
    assert!(streamed.contains(" 413"), "{streamed}");
}

struct Served(Child);

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn running_out_of_file_descriptors_once_does_not_stop_serving() {
    let mut command = Command::new(env!("CARGO_BIN_EXE_kqlhunt"));
    command
        .args(["emulator", "--port", "0", "--rows-scale", "0.01"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    // Few descriptors, so a burst of connections exhausts them.
    unsafe {
        command.pre_exec(|| {
            let limit = libc::rlimit {
                rlim_cur: 64,
                rlim_max: 64,
            };
            if libc::setrlimit(libc::RLIMIT_NOFILE, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let mut served = Served(command.spawn().unwrap());
    let mut lines = std::io::BufReader::new(served.0.stderr.take().unwrap()).lines();
    let addr = loop {
        let line = lines
            .next()
            .expect("the emulator says where it serves")
            .unwrap();
        if let Some(at) = line.find("http://127.0.0.1:") {
            let rest = &line[at + "http://".len()..];
            break rest.split_whitespace().next().unwrap().to_owned();
        }
    };
    std::thread::spawn(move || for _ in lines {});
    let socket: std::net::SocketAddr = addr.parse().unwrap();
    let burst: Vec<TcpStream> = (0..100)
        .filter_map(|_| TcpStream::connect_timeout(&socket, Duration::from_millis(500)).ok())
        .collect();
    std::thread::sleep(Duration::from_millis(500));
    drop(burst);
    std::thread::sleep(Duration::from_millis(500));
    let status = status_of(
        &addr,
        "GET /v1.0/security/runHuntingQuery HTTP/1.1\r\nHost: x\r\n\r\n",
        b"",
        Duration::from_secs(10),
    );
    assert!(status.contains(" 405"), "after the burst: {status}");
}
