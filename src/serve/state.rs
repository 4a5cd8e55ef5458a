//! What the server shares between requests: the open index (reopened when a running
//! `clipdex index` commits), and the limits that keep a flood of requests from piling up.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, SystemTime};

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tokio::sync::Semaphore;

use super::reply::ApiError;
use crate::error::IndexError;
use crate::index::Catalog;

/// Searches running at once; more wait for a turn.
pub const MAX_SEARCHES: usize = 4;
/// Requests admitted at once (running or waiting); beyond that the answer is 503 at once,
/// so waiting requests cannot grow memory without bound.
const MAX_IN_FLIGHT: usize = 256;
/// How long one request may take, waiting included.
pub const TIME_BUDGET: Duration = Duration::from_secs(10);

/// What every handler reaches through axum's state: the index, and the turns that limit
/// the work in hand.
pub struct Shared {
    /// The index folder given to `serve`; answers never show it ([`Shared::public`]).
    pub index_path: PathBuf,
    /// The open index and the commit stamp it was opened at.
    open: Mutex<Option<(Stamp, Arc<Opened>)>>,
    /// Turns to search: [`MAX_SEARCHES`] at once, the rest wait within [`TIME_BUDGET`].
    pub searches: Arc<Semaphore>,
    in_flight: Arc<Semaphore>,
}

/// When the index last changed: tantivy's meta.json and clipdex's labels are rewritten
/// by every commit.
type Stamp = (Option<SystemTime>, Option<SystemTime>);

fn stamp(path: &Path) -> Stamp {
    let modified = |name: &str| {
        std::fs::metadata(path.join(name))
            .and_then(|m| m.modified())
            .ok()
    };
    (modified("meta.json"), modified("clipdex-labels.json"))
}

impl Shared {
    /// Nothing opened yet: [`Shared::catalog`] opens the index when asked, so the server
    /// runs (answering 503) while there is none to open.
    pub fn new(index_path: &Path) -> Shared {
        Shared {
            index_path: index_path.to_path_buf(),
            open: Mutex::new(None),
            searches: Arc::new(Semaphore::new(MAX_SEARCHES)),
            in_flight: Arc::new(Semaphore::new(MAX_IN_FLIGHT)),
        }
    }

    /// The index as of its last commit, opened again only when a commit has happened.
    /// Reads files: call it on the blocking pool, not on the async workers.
    pub fn catalog(&self) -> Result<Arc<Opened>, ApiError> {
        let now = stamp(&self.index_path);
        let mut open = self
            .open
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some((opened_at, opened)) = open.as_ref() {
            if *opened_at == now {
                return Ok(opened.clone());
            }
        }
        let catalog = Catalog::open(&self.index_path).map_err(|err| self.unavailable(err))?;
        let opened = Arc::new(Opened {
            catalog,
            stats: OnceLock::new(),
        });
        *open = Some((now, opened.clone()));
        Ok(opened)
    }

    /// An index that cannot be opened is "not yet" (503); the answer names no path.
    fn unavailable(&self, err: IndexError) -> ApiError {
        log::warn!("{err}");
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            self.public(&err.to_string()),
        )
    }

    /// `message` with the index folder's path replaced: answers do not show where the
    /// server's files are (its log on stderr does).
    pub fn public(&self, message: &str) -> String {
        message.replace(
            &self.index_path.display().to_string(),
            "the server's index folder",
        )
    }
}

/// The index as of one commit, with what is worth computing once per commit.
pub struct Opened {
    /// The index, opened after that commit.
    pub catalog: Catalog,
    /// The `/api/stats` answer, counted on its first request.
    pub stats: OnceLock<serde_json::Value>,
}

/// Admits a request if fewer than [`MAX_IN_FLIGHT`] are being served; else 503 at once.
pub async fn admit(State(shared): State<Arc<Shared>>, request: Request, next: Next) -> Response {
    match shared.in_flight.clone().try_acquire_owned() {
        Ok(_permit) => next.run(request).await,
        Err(_) => {
            let mut response = ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "the server is busy; try again in a moment",
            )
            .into_response();
            response
                .headers_mut()
                .insert("retry-after", axum::http::HeaderValue::from_static("1"));
            response
        }
    }
}
