//! What the window shows about a document beyond its records — its graph,
//! the check findings, the counts and coverage, each unit's member count —
//! worked out on a thread of its own after every edit, so typing never waits
//! for a city's check. Each result carries the revision it was made for; a
//! result for a state the document has left is dropped.

use crate::check::{check_with_graph, Report, Rules};
use crate::graph::Graph;
use crate::mask::Privacy;
use crate::model::{Document, Id};
use crate::stats::{members_by_subtree_with, stats_with, Stats};
use rustc_hash::FxHashMap;
use std::sync::Arc;

/// Findings and figures for one state of a document.
#[derive(Debug, Clone)]
pub struct Derived {
    /// The window and revision they were made for.
    pub revision: (u64, u64),
    /// The document's graph, which everything below was read from.
    pub graph: Arc<Graph>,
    /// The check findings.
    pub report: Report,
    /// Counts and coverage.
    pub stats: Stats,
    /// Full and probationary members in each unit's subtree.
    pub members: FxHashMap<Id, (u32, u32)>,
}

/// Works them out here and now, from `graph` when the window has already
/// built the graph of this state (else the graph is built here, once).
pub fn derive(document: &Document, revision: (u64, u64), graph: Option<Arc<Graph>>) -> Derived {
    let today = chrono::Local::now().date_naive();
    let graph = graph.unwrap_or_else(|| Arc::new(Graph::build(document)));
    Derived {
        revision,
        report: check_with_graph(document, &graph, &Rules::default(), today, Privacy::Masked),
        stats: stats_with(document, &graph),
        members: members_by_subtree_with(&graph),
        graph,
    }
}

/// Works them out on a thread of its own, at a lower priority than the
/// window's: on a machine of two cores the redraw an edit causes comes first,
/// the findings a moment later.
pub async fn derive_apart(
    document: Arc<Document>,
    revision: (u64, u64),
    graph: Option<Arc<Graph>>,
) -> Option<Box<Derived>> {
    let (sender, receiver) = iced::futures::channel::oneshot::channel();
    std::thread::spawn(move || {
        yield_to_the_window();
        let _ = sender.send(Box::new(derive(&document, revision, graph)));
    });
    receiver.await.ok()
}

/// Lowers the calling thread's priority (on Linux, niceness is per thread).
pub(crate) fn yield_to_the_window() {
    #[cfg(target_os = "linux")]
    // SAFETY: setpriority only reads its integer arguments; 0 names the
    // calling thread.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, 10);
    }
}
