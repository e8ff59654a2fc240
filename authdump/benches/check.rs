//! `authdump check` on inputs of growing size (issue 20, "Performance"): a
//! HAR export and `curl -si` heads, 256 KiB to 4 MiB each, so that the time
//! per byte shows whether the checking is linear. Beside each HAR size, a
//! floor from the same run: `serde_json` reading the file into a `Value`,
//! which `check` does first, so that `check_har / json_floor` is the cost
//! of the checking itself. Run with `cargo bench -p authdump --bench check`.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

/// The entries of a browser session against an MCP server: a 401 with its
/// challenge, an authorized 200, a 403 step-up, a plain asset.
fn har_entry(i: usize) -> String {
    let h = |n: &str, v: &str| format!(r#"{{"name":"{n}","value":"{}"}}"#, v.replace('"', "\\\""));
    let common = [
        h("Accept", "application/json, text/event-stream"),
        h("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36"),
        h("Accept-Language", "en-US,en;q=0.9"),
    ]
    .join(",");
    let (auth, status, resp) = match i % 4 {
        0 => (
            String::new(),
            401,
            h("WWW-Authenticate", r#"Bearer resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource", scope="files:read""#),
        ),
        1 => (
            format!(",{}", h("Authorization", "Bearer eyJhbGciOiJSUzI1NiIsInR5cCI6ImF0K2p3dCJ9.eyJzdWIiOiJhbGljZSIsInNjb3BlIjoiZmlsZXM6cmVhZCJ9.c2lnbmF0dXJl")),
            200,
            h("Content-Type", "application/json"),
        ),
        2 => (
            format!(",{}", h("Authorization", "Bearer eyJhbGciOiJSUzI1NiIsInR5cCI6ImF0K2p3dCJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl")),
            403,
            h("WWW-Authenticate", r#"Bearer error="insufficient_scope", scope="files:write", error_description="writing needs files:write""#),
        ),
        _ => (String::new(), 200, h("Content-Type", "image/png")),
    };
    format!(
        r#"{{"startedDateTime":"2026-12-01T22:40:11.510Z","time":12.4,"request":{{"method":"POST","url":"https://mcp.example.com/mcp?n={i}","httpVersion":"h2","headers":[{common}{auth}],"queryString":[],"cookies":[],"headersSize":-1,"bodySize":0}},"response":{{"status":{status},"statusText":"","httpVersion":"h2","headers":[{resp},{}],"cookies":[],"content":{{"size":0,"mimeType":"x-unknown"}},"redirectURL":"","headersSize":-1,"bodySize":-1}},"cache":{{}},"timings":{{"send":0.2,"wait":10.3,"receive":0.8}}}}"#,
        h("Date", "Tue, 01 Dec 2026 22:40:11 GMT")
    )
}

/// A HAR file of at least `size` bytes.
fn har(size: usize) -> Vec<u8> {
    let mut s = String::from(
        r#"{"log":{"version":"1.2","creator":{"name":"WebInspector","version":"537.36"},"entries":["#,
    );
    let mut i = 0;
    while s.len() < size {
        if i > 0 {
            s.push(',');
        }
        s.push_str(&har_entry(i));
        i += 1;
    }
    s.push_str("]}}");
    s.into_bytes()
}

/// `curl -si` output of at least `size` bytes: heads with bodies.
fn raw(size: usize) -> Vec<u8> {
    let mut s = String::new();
    let mut i = 0;
    while s.len() < size {
        let body = "<html><body>Unauthorized</body></html>\n";
        s.push_str(&format!(
            "HTTP/1.1 401 Unauthorized\r\nDate: Tue, 01 Dec 2026 22:40:11 GMT\r\nWWW-Authenticate: Basic realm=\"site {i}\", charset=\"UTF-8\"\r\nWWW-Authenticate: Bearer resource_metadata=\"https://a.example/.well-known/oauth-protected-resource\"\r\nContent-Type: text/html\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        ));
        i += 1;
    }
    s.into_bytes()
}

fn bench(c: &mut Criterion) {
    for (name, make) in [("har", har as fn(usize) -> Vec<u8>), ("raw", raw)] {
        let mut g = c.benchmark_group(format!("check_{name}"));
        g.sample_size(10);
        for kib in [256, 1024, 4096] {
            let input = make(kib * 1024);
            assert!(authdump::check::check(&input).is_ok());
            g.throughput(Throughput::Bytes(input.len() as u64));
            g.bench_with_input(
                BenchmarkId::from_parameter(format!("{kib}KiB")),
                &input,
                |b, i| b.iter(|| authdump::check::check(black_box(i))),
            );
            if name == "har" {
                g.bench_with_input(
                    BenchmarkId::new("json_floor", format!("{kib}KiB")),
                    &input,
                    |b, i| b.iter(|| serde_json::from_slice::<serde_json::Value>(black_box(i))),
                );
            }
        }
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
