//! The JSON API: URL parameters checked into the same requests the command line makes,
//! answered by the same search functions, in the same shapes as `--json`.

use std::sync::Arc;

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Serialize;

use super::reply::{csv_bytes, json_bytes, json_response, ApiError};
use super::state::{Opened, Shared, TIME_BUDGET};
use crate::output::table;
use crate::search::{self, Params, PeriodCount, QuotesAnswer, Results, Sort};

/// Longest query text accepted, in characters.
const MAX_QUERY_CHARS: usize = 1_000;
/// Most hits, people or articles one request may ask for.
const MAX_LIMIT: usize = 100;
/// Furthest a page of hits may start.
const MAX_OFFSET: usize = 100_000;
/// Most values of a repeated filter (`tag`, `speaker`).
const MAX_FILTERS: usize = 20;

type Answer = Result<Response, ApiError>;

/// The URL's parameters, checked against the names an endpoint knows.
struct Query {
    pairs: Vec<(String, String)>,
}

impl Query {
    fn parse(raw: Option<String>, known: &[&str]) -> Result<Query, ApiError> {
        let pairs: Vec<(String, String)> =
            form_urlencoded::parse(raw.unwrap_or_default().as_bytes())
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect();
        if let Some((name, _)) = pairs
            .iter()
            .find(|(_, v)| v.chars().count() > MAX_QUERY_CHARS)
        {
            return Err(ApiError::bad(format!(
                "{name} is longer than {MAX_QUERY_CHARS} characters; shorten it"
            )));
        }
        if let Some((name, _)) = pairs.iter().find(|(k, _)| !known.contains(&k.as_str())) {
            return Err(ApiError::bad(if known.is_empty() {
                format!("unknown parameter {name:?}; this endpoint takes none")
            } else {
                format!(
                    "unknown parameter {name:?}; this endpoint takes {}",
                    known.join(", ")
                )
            }));
        }
        Ok(Query { pairs })
    }

    fn all(&self, name: &str) -> Result<Vec<String>, ApiError> {
        let values: Vec<String> = self
            .pairs
            .iter()
            .filter(|(k, v)| k == name && !v.trim().is_empty())
            .map(|(_, v)| v.clone())
            .collect();
        if values.len() > MAX_FILTERS {
            return Err(ApiError::bad(format!(
                "at most {MAX_FILTERS} {name} values at once"
            )));
        }
        Ok(values)
    }

    /// The value of a parameter that takes one; given twice, which one was meant is
    /// unknown.
    fn one(&self, name: &str) -> Result<Option<String>, ApiError> {
        let mut values = self.pairs.iter().filter(|(k, _)| k == name);
        let first = values.next().map(|(_, v)| v.clone());
        let more = values.count();
        if more > 0 {
            return Err(ApiError::bad(format!(
                "{name} is given {} times; give it once",
                more + 1
            )));
        }
        Ok(first)
    }

    /// A yes-or-no parameter: `1` or `true`, `0` or `false`; absent or empty is no.
    fn yes(&self, name: &str) -> Result<bool, ApiError> {
        match self.one(name)?.as_deref() {
            None | Some("" | "0" | "false") => Ok(false),
            Some("1" | "true") => Ok(true),
            Some(other) => Err(ApiError::bad(format!(
                "{name} must be 1 or 0 (or true or false), not {other:?}"
            ))),
        }
    }

    fn number(&self, name: &str, default: usize, range: (usize, usize)) -> Result<usize, ApiError> {
        let Some(raw) = self.one(name)?.filter(|v| !v.is_empty()) else {
            return Ok(default);
        };
        let (min, max) = range;
        match raw.parse::<usize>() {
            Ok(n) if (min..=max).contains(&n) => Ok(n),
            _ => Err(ApiError::bad(format!(
                "{name} must be a whole number from {min} to {max}, not {raw:?}"
            ))),
        }
    }

    /// The search settings shared by the endpoints that filter articles.
    fn params(&self, default_limit: usize) -> Result<Params, ApiError> {
        let query = self.one("q")?.unwrap_or_default();
        let limit = self.number("limit", default_limit, (1, MAX_LIMIT))?;
        Ok(Params {
            query,
            tags: self.all("tag")?,
            speakers: self.all("speaker")?,
            since: self.one("since")?,
            until: self.one("until")?,
            sort: match self.one("sort")?.as_deref() {
                None | Some("") | Some("relevance") => Sort::Relevance,
                Some("date") => Sort::Date,
                Some(other) => {
                    return Err(ApiError::bad(format!(
                        "sort must be relevance or date, not {other:?}"
                    )))
                }
            },
            limit,
            offset: self.number("offset", 0, (0, MAX_OFFSET))?,
            copies: self.yes("copies")?,
        })
    }
}

fn request(params: &Params) -> Result<search::Request, ApiError> {
    params.check().map_err(|err| ApiError::bad(err.to_string()))
}

/// Runs `work` on the blocking pool, one of at most `MAX_SEARCHES` at a time, within the
/// time budget (waiting included), and turns its value into JSON there too. A search past
/// its budget is answered with 503; it finishes in the background, still holding its
/// turn, so overload cannot multiply work.
async fn run<T: Serialize>(
    shared: Arc<Shared>,
    work: impl FnOnce(&Opened) -> Result<T, ApiError> + Send + 'static,
) -> Answer {
    run_body(shared, move |opened| json_body(&work(opened)?)).await
}

fn json_body(value: &impl Serialize) -> Result<Body, ApiError> {
    serde_json::to_vec(value)
        .map(Body::Json)
        .map_err(|err| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, err.to_string()))
}

/// An answer's body, made on the blocking pool.
enum Body {
    Json(Vec<u8>),
    /// A table (`format=csv`), offered as a file of this name.
    Csv(Vec<u8>, &'static str),
}

/// What an endpoint answers in: JSON, or with `format=csv` a table.
fn wants_csv(query: &Query) -> Result<bool, ApiError> {
    match query.one("format")?.as_deref() {
        None | Some("") | Some("json") => Ok(false),
        Some("csv") => Ok(true),
        Some(other) => Err(ApiError::bad(format!(
            "format must be json or csv, not {other:?}"
        ))),
    }
}

/// A table written by `write` as a CSV body named `file`.
fn csv_body(
    file: &'static str,
    write: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>,
) -> Result<Body, ApiError> {
    let mut bytes = Vec::new();
    write(&mut bytes)
        .map_err(|err| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, err.to_string()))?;
    Ok(Body::Csv(bytes, file))
}

/// [`run`], for work that makes its own body.
async fn run_body(
    shared: Arc<Shared>,
    work: impl FnOnce(&Opened) -> Result<Body, ApiError> + Send + 'static,
) -> Answer {
    let job = async move {
        let permit = shared.searches.clone().acquire_owned().await.map_err(|_| {
            ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "the server is stopping")
        })?;
        let shared = shared.clone();
        tokio::task::spawn_blocking(move || {
            let _turn = permit;
            let opened = shared.catalog()?;
            work(&opened).map_err(|err| ApiError {
                message: shared.public(&err.message),
                ..err
            })
        })
        .await
        .map_err(|_| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "the search failed"))?
    };
    match tokio::time::timeout(TIME_BUDGET, job).await {
        Ok(body) => body.map(|body| match body {
            Body::Json(bytes) => json_bytes(StatusCode::OK, bytes),
            Body::Csv(bytes, file) => csv_bytes(bytes, file),
        }),
        Err(_) => Err(ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            format!(
                "the request took longer than {} seconds; narrow the search or try again",
                TIME_BUDGET.as_secs()
            ),
        )),
    }
}

fn index_error(err: crate::error::IndexError) -> ApiError {
    ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, err.to_string())
}

/// `search --json`, plus matching articles per month for the date histogram.
#[derive(Serialize)]
struct SearchPage {
    #[serde(flatten)]
    results: Results,
    months: Vec<PeriodCount>,
}

/// `/api/search`: `search --json` plus `months`; best match first unless `sort=date`,
/// 20 hits unless `limit` says.
pub async fn search(State(shared): State<Arc<Shared>>, RawQuery(raw): RawQuery) -> Answer {
    let query = Query::parse(
        raw,
        &[
            "q", "tag", "speaker", "since", "until", "sort", "limit", "offset", "copies", "format",
        ],
    )?;
    let request = request(&query.params(20)?)?;
    let csv = wants_csv(&query)?;
    run_body(shared, move |opened| {
        let catalog = &opened.catalog;
        let results = search::search(catalog, &request).map_err(index_error)?;
        if csv {
            return csv_body("clipdex-search.csv", |out| {
                table::write_hits(out, &results, b',')
            });
        }
        let months = search::months(catalog, &request).map_err(index_error)?;
        json_body(&SearchPage { results, months })
    })
    .await
}

/// `/api/speakers`: `speakers --json`, 30 people unless `limit` says.
pub async fn speakers(State(shared): State<Arc<Shared>>, RawQuery(raw): RawQuery) -> Answer {
    let query = Query::parse(raw, &["q", "tag", "since", "until", "limit", "format"])?;
    let request = request(&query.params(30)?)?;
    let csv = wants_csv(&query)?;
    run_body(shared, move |opened| {
        let people = search::people(&opened.catalog, &request).map_err(index_error)?;
        if csv {
            return csv_body("clipdex-speakers.csv", |out| {
                table::write_people(out, &people, b',')
            });
        }
        json_body(&people)
    })
    .await
}

/// `/api/quotes`: `quotes NAME --json`, newest first. A name that fits several people
/// is a 200 with `ambiguous`, where the command line exits 2.
pub async fn quotes(State(shared): State<Arc<Shared>>, RawQuery(raw): RawQuery) -> Answer {
    let query = Query::parse(
        raw,
        &[
            "name", "q", "tag", "since", "until", "limit", "all", "copies", "format",
        ],
    )?;
    let csv = wants_csv(&query)?;
    let name = query.one("name")?.unwrap_or_default();
    if name.trim().is_empty() {
        return Err(ApiError::bad("name is required: whose quotes to list"));
    }
    let all = query.yes("all")?;
    let request = request(&Params {
        sort: Sort::Date,
        speakers: Vec::new(),
        ..query.params(20)?
    })?;
    run_body(shared, move |opened| {
        // The same answers as `clipdex quotes --json`; nobody by that name is an empty
        // result that says so, as a search that matches nothing is.
        let answer = search::find_quotes(&opened.catalog, &name, &request, all);
        match answer.map_err(index_error)? {
            QuotesAnswer::Nobody(quotes) | QuotesAnswer::Found(quotes) if csv => {
                csv_body("clipdex-quotes.csv", |out| {
                    table::write_quotes(out, &quotes, b',')
                })
            }
            QuotesAnswer::Nobody(quotes) | QuotesAnswer::Found(quotes) => json_body(&quotes),
            // A table has no room for the choice; the JSON answer names the people.
            QuotesAnswer::Several(choices) => json_body(&choices),
        }
    })
    .await
}

/// A value as JSON, to answer with one of several shapes.
fn to_json(value: &impl Serialize) -> Result<serde_json::Value, ApiError> {
    serde_json::to_value(value)
        .map_err(|err| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, err.to_string()))
}

/// `/api/articles/{uid}`: the whole article; 404 for a uid that is not 16 hex digits or
/// not in the index.
pub async fn article(
    State(shared): State<Arc<Shared>>,
    uid: Result<Path<String>, PathRejection>,
    RawQuery(raw): RawQuery,
) -> Answer {
    Query::parse(raw, &[])?;
    let uid = uid
        .map(|Path(uid)| uid.to_ascii_lowercase())
        .unwrap_or_default();
    if crate::keys::parse_uid(&uid).is_none() {
        return Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "no such article: ids are 16 hexadecimal digits, as in search results' uid",
        ));
    }
    run(shared, move |opened| {
        search::article(&opened.catalog, &uid)
            .map_err(index_error)?
            .ok_or_else(|| {
                ApiError::new(
                    StatusCode::NOT_FOUND,
                    format!(
                        "no article {uid} in the index (it may have been re-indexed or removed)"
                    ),
                )
            })
    })
    .await
}

/// Counted once per commit: the page asks for them on every load. `location` and the
/// indexed `folders` are not given away.
pub async fn stats(State(shared): State<Arc<Shared>>, RawQuery(raw): RawQuery) -> Answer {
    Query::parse(raw, &[])?;
    run(shared, |opened| {
        if let Some(stats) = opened.stats.get() {
            return Ok(stats.clone());
        }
        let mut stats = search::stats(&opened.catalog).map_err(index_error)?;
        // Answers do not say where the server's files are.
        stats.location = "the server's index folder".to_string();
        stats.folders.clear();
        let value = to_json(&stats)?;
        Ok(opened.stats.get_or_init(|| value).clone())
    })
    .await
}

/// Always 200 while the server runs; says whether an index is there to search.
pub async fn health(State(shared): State<Arc<Shared>>) -> Response {
    let index = tokio::task::spawn_blocking(move || match shared.catalog() {
        Ok(_) => "ready".to_string(),
        Err(err) => err.message,
    })
    .await
    .unwrap_or_else(|_| "cannot be opened".to_string());
    json_response(
        StatusCode::OK,
        &serde_json::json!({ "status": "ok", "index": index }),
    )
}

/// A known path asked with another method than GET or HEAD: 405.
pub async fn method_not_allowed() -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "only GET (and HEAD) requests are answered here",
    )
}

/// Any other path: 404, naming the API's endpoints.
pub async fn not_found() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "no such page; the API is under /api/ (search, speakers, quotes, articles/{uid}, stats)",
    )
}
