//! `clipdex serve`: the JSON API and the search page over one index, read-only, on the
//! same search functions as the command line.

mod api;
mod listener;
mod page;
mod reply;
mod state;

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;

use anyhow::Context;
use axum::http::{header, HeaderValue};
use axum::routing::get;
use axum::Router;

use state::Shared;

/// The policy every response carries: scripts and styles only from this server, no inline
/// script, nothing from elsewhere.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Serves until Ctrl-C or SIGTERM, after printing the address actually bound (port 0
/// picks a free one).
pub fn run(index_path: &Path, addr: SocketAddr) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .max_blocking_threads(state::MAX_SEARCHES * 2)
        .enable_all()
        .build()
        .context("cannot start the server's runtime")?;
    runtime.block_on(serve(index_path, addr))
}

async fn serve(index_path: &Path, addr: SocketAddr) -> anyhow::Result<()> {
    let tcp = tokio::net::TcpListener::bind(addr).await.with_context(|| {
        format!(
            "cannot listen on {addr}; is another server using that port? Pick another with --addr"
        )
    })?;
    let bound = tcp.local_addr()?;
    let shared = Arc::new(Shared::new(index_path));
    println!(
        "clipdex: serving {} at http://{bound}/",
        index_path.display()
    );
    if bound.ip().is_loopback() {
        println!(
            "clipdex: only this computer can connect; --addr 0.0.0.0:{} shares it on the network",
            bound.port()
        );
    } else {
        println!("clipdex: anyone who can reach {bound} can search this index (read-only)");
    }
    match shared
        .catalog()
        .map(|opened| opened.catalog.searcher().map(|s| s.num_docs()))
    {
        Ok(Ok(articles)) => println!("clipdex: {articles} articles"),
        Ok(Err(err)) => eprintln!("clipdex: warning: {err}"),
        Err(err) => eprintln!(
            "clipdex: warning: {}; the API answers 503 until it can open the index",
            err.message
        ),
    }
    use std::io::Write;
    std::io::stdout().flush()?;

    let app = router(shared);
    axum::serve(listener::Capped::new(tcp), app)
        .with_graceful_shutdown(shutdown())
        .await
        .context("the server stopped with an error")?;
    Ok(())
}

fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/", get(page::index))
        .route("/app.js", get(page::script))
        .route("/style.css", get(page::style))
        .route("/healthz", get(api::health))
        .route("/api/search", get(api::search))
        .route("/api/speakers", get(api::speakers))
        .route("/api/quotes", get(api::quotes))
        .route("/api/articles/{uid}", get(api::article))
        .route("/api/stats", get(api::stats))
        .fallback(api::not_found)
        .method_not_allowed_fallback(api::method_not_allowed)
        .layer(axum::middleware::from_fn_with_state(
            shared.clone(),
            state::admit,
        ))
        .layer(axum::middleware::map_response(secure_headers))
        .layer(axum::middleware::from_fn(log_request))
        .with_state(shared)
}

/// One line per request on stderr (at the `info` level, on by default for `serve`):
/// method, path and query, status and time taken.
async fn log_request(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let started = std::time::Instant::now();
    let method = request.method().clone();
    let uri = request.uri().clone();
    let response = next.run(request).await;
    log::info!(
        "{method} {uri} {} {:.1} ms",
        response.status().as_u16(),
        started.elapsed().as_secs_f64() * 1000.0
    );
    response
}

async fn secure_headers(mut response: axum::response::Response) -> axum::response::Response {
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    response
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    eprintln!("clipdex: server stopped");
}
