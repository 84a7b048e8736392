//! A small load generator for a running portal: N requests at concurrency C against one
//! path, reporting throughput and latency percentiles.
//!
//! cargo run --release --example loadtest -- http://127.0.0.1:8080/api/v1/me 20000 32 [TOKEN]

use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::Mutex;

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 4 {
        eprintln!("usage: loadtest URL REQUESTS CONCURRENCY [BEARER_TOKEN]");
        std::process::exit(2);
    }
    let url = args[1].clone();
    let total: usize = args[2].parse().expect("REQUESTS is a number");
    let concurrency: usize = args[3].parse().expect("CONCURRENCY is a number");
    let token = args.get(4).cloned();
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(concurrency)
        .build()
        .unwrap();
    let latencies = Arc::new(Mutex::new(Vec::with_capacity(total)));
    let failures = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let next = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let started = Instant::now();
    let mut workers = Vec::new();
    for _ in 0..concurrency {
        let (client, url, token) = (client.clone(), url.clone(), token.clone());
        let (latencies, failures, next) = (latencies.clone(), failures.clone(), next.clone());
        workers.push(tokio::spawn(async move {
            let mut mine = Vec::new();
            while next.fetch_add(1, std::sync::atomic::Ordering::Relaxed) < total {
                let mut request = client.get(&url);
                if let Some(token) = &token {
                    request = request.bearer_auth(token);
                }
                let sent = Instant::now();
                match request.send().await {
                    Ok(response) if response.status().is_success() => {
                        let _ = response.bytes().await;
                    }
                    _ => {
                        failures.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    }
                }
                mine.push(sent.elapsed());
            }
            latencies.lock().await.extend(mine);
        }));
    }
    for worker in workers {
        worker.await.unwrap();
    }
    let elapsed = started.elapsed();
    let mut latencies = latencies.lock().await.clone();
    latencies.sort();
    let at = |q: f64| latencies[((latencies.len() as f64 - 1.0) * q) as usize];
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{} requests, concurrency {concurrency}: {:.0} req/s; p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms; {} failed",
        latencies.len(),
        latencies.len() as f64 / elapsed.as_secs_f64(),
        ms(at(0.5)),
        ms(at(0.99)),
        ms(at(1.0)),
        failures.load(std::sync::atomic::Ordering::Relaxed)
    );
}
