//! Serving the sandbox over TCP: a bounded number of connections, a header-read timeout, and
//! connections a handler can cut to emulate a dropped answer.

// axum's own `serve` sets no timer (so no header-read timeout) and accepts without bound: a
// public endpoint needs both, so the loop is hyper's, as axum's is underneath.

use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::extract::ConnectInfo;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{oneshot, watch, OwnedSemaphorePermit, Semaphore};
use tokio::task::{JoinHandle, JoinSet};
use tower_service::Service;

use super::app::{self, Mount};
use super::{lock, Sandbox, VENDORS};

/// A sandbox serving in a background task. Dropping it stops the server.
#[derive(Debug)]
pub struct RunningSandbox {
    /// Where every vendor is served under its prefix (`/paradigm/...`), with the control routes.
    pub(crate) addr: SocketAddr,
    /// With vendor ports: each vendor at the root of its own port, in `VENDORS` order.
    vendor_roots: Vec<(&'static str, SocketAddr)>,
    stop: oneshot::Sender<()>,
    task: JoinHandle<()>,
}

/// How long `shutdown` lets open requests finish before abandoning them.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(2);

/// How long to wait before accepting again after an error such as running out of file
/// descriptors, which a retry at once would only meet again.
const ACCEPT_BACKOFF: Duration = Duration::from_millis(100);

/// How often rate-limit windows that limit nothing any more are forgotten.
const SWEEP_INTERVAL: Duration = Duration::from_secs(10);

/// Where to serve: the prefixed layout on `listen`, and optionally each vendor at the root of its
/// own port.
#[derive(Clone, Copy, Debug)]
pub struct Layout {
    pub(crate) listen: SocketAddr,
    /// `Some(p)`: vendor `i` (in the order of `profiles_toml`) listens on port `p + i` of
    /// `listen`'s address; `Some(0)`: a free port for each.
    pub(crate) vendor_base_port: Option<u16>,
}

pub(super) async fn start(sandbox: Sandbox, layout: Layout) -> io::Result<RunningSandbox> {
    let prefixed = TcpListener::bind(layout.listen).await?;
    let addr = prefixed.local_addr()?;
    let mut listeners = vec![(prefixed, Mount::Prefixed)];
    let mut vendor_roots = Vec::new();
    if let Some(base) = layout.vendor_base_port {
        for (i, vendor) in VENDORS.iter().copied().enumerate() {
            let port = vendor_port(base, i).ok_or_else(|| {
                io::Error::new(
                    io::ErrorKind::InvalidInput,
                    format!("vendor ports from {base} run past 65535"),
                )
            })?;
            let listener = TcpListener::bind(SocketAddr::new(addr.ip(), port))
                .await
                .map_err(|e| {
                    io::Error::new(e.kind(), format!("{} on port {port}: {e}", vendor.name()))
                })?;
            vendor_roots.push((vendor.name(), listener.local_addr()?));
            listeners.push((listener, Mount::Root(vendor)));
        }
    }
    let (stop, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(serve(sandbox, listeners, stopped));
    Ok(RunningSandbox {
        addr,
        vendor_roots,
        stop,
        task,
    })
}

/// Port `base + index`, or a free one for each when `base` is 0.
fn vendor_port(base: u16, index: usize) -> Option<u16> {
    if base == 0 {
        return Some(0);
    }
    u16::try_from(index).ok().and_then(|i| base.checked_add(i))
}

/// Accept on every listener until `stopped`, then let open connections finish.
async fn serve(
    sandbox: Sandbox,
    listeners: Vec<(TcpListener, Mount)>,
    stopped: oneshot::Receiver<()>,
) {
    let max = sandbox
        .inner
        .options
        .max_connections
        .clamp(1, Semaphore::MAX_PERMITS);
    let slots = Arc::new(Semaphore::new(max));
    // Never sent on: dropping it tells every loop and connection to stop.
    let (stop_all, stop_rx) = watch::channel(());
    let mut loops = JoinSet::new();
    for (listener, mount) in listeners {
        let router = app::router(sandbox.clone(), mount);
        let accept = AcceptLoop {
            sandbox: sandbox.clone(),
            listener,
            router,
            slots: slots.clone(),
            stop: stop_rx.clone(),
        };
        loops.spawn(accept.run());
    }
    // A dropped sender ends the wait as well as a sent value: both mean stop.
    let mut stopped = stopped;
    let mut sweep = tokio::time::interval(SWEEP_INTERVAL);
    loop {
        tokio::select! {
            _ = &mut stopped => break,
            // Windows also expire while nobody calls, so memory goes back down after a flood.
            _ = sweep.tick() => lock(&sandbox.inner.limiter).sweep(std::time::Instant::now()),
        }
    }
    drop(stop_all);
    loops.join_all().await;
    // Every slot back means every connection closed. `max` fits in u32: MAX_PERMITS does.
    let all = u32::try_from(max).unwrap_or(u32::MAX);
    let _ = slots.acquire_many(all).await;
}

struct AcceptLoop {
    sandbox: Sandbox,
    listener: TcpListener,
    router: Router,
    slots: Arc<Semaphore>,
    stop: watch::Receiver<()>,
}

impl AcceptLoop {
    async fn run(mut self) {
        loop {
            // A slot first: beyond the cap, new connections wait in the kernel's backlog and
            // take no file descriptor here.
            let slot = tokio::select! {
                slot = self.slots.clone().acquire_owned() => match slot {
                    Ok(slot) => slot,
                    Err(_) => return,
                },
                _ = self.stop.changed() => return,
            };
            let stream = tokio::select! {
                accepted = self.listener.accept() => match accepted {
                    Ok((stream, _peer)) => stream,
                    Err(e) => {
                        // A client that gave up before the accept is its own business; anything
                        // else (EMFILE, ENOBUFS) passes with time.
                        if !is_connection_error(&e) {
                            tokio::time::sleep(ACCEPT_BACKOFF).await;
                        }
                        continue;
                    }
                },
                _ = self.stop.changed() => return,
            };
            let local = stream
                .local_addr()
                .or_else(|_| self.listener.local_addr())
                .unwrap_or_else(|_| SocketAddr::from(([127, 0, 0, 1], 0)));
            tokio::spawn(serve_connection(
                self.sandbox.clone(),
                stream,
                local,
                self.router.clone(),
                slot,
                self.stop.clone(),
            ));
        }
    }
}

fn is_connection_error(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::ConnectionRefused
            | io::ErrorKind::ConnectionAborted
            | io::ErrorKind::ConnectionReset
    )
}

async fn serve_connection(
    sandbox: Sandbox,
    stream: TcpStream,
    local: SocketAddr,
    router: Router,
    _slot: OwnedSemaphorePermit,
    mut stop: watch::Receiver<()>,
) {
    let _open = OpenConnection::count(&sandbox);
    let cut = Arc::new(AtomicBool::new(false));
    let connection = Connection {
        local,
        cut: cut.clone(),
    };
    let service = hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
        request
            .extensions_mut()
            .insert(ConnectInfo(connection.clone()));
        let mut router = router.clone();
        async move {
            std::future::poll_fn(|cx| {
                Service::<hyper::Request<Incoming>>::poll_ready(&mut router, cx)
            })
            .await?;
            router.call(request).await
        }
    });
    let read_timeout = sandbox
        .inner
        .options
        .read_timeout
        .max(Duration::from_millis(1));
    let mut http = hyper::server::conn::http1::Builder::new();
    // The timeout runs whenever hyper waits for a request head: a client that connects and
    // sends nothing, or half a request line, or idles between requests, is closed.
    http.timer(TokioTimer::new())
        .header_read_timeout(read_timeout);
    let conn = http.serve_connection(TokioIo::new(CuttableStream { stream, cut }), service);
    tokio::pin!(conn);
    tokio::select! {
        // Errors are the client's (a reset, a timeout, a malformed request); nobody to tell.
        _ = conn.as_mut() => {}
        _ = stop.changed() => {
            conn.as_mut().graceful_shutdown();
            let _ = tokio::time::timeout(SHUTDOWN_GRACE, conn.as_mut()).await;
        }
    }
}

/// Counts a connection in `Stats` while it is open.
struct OpenConnection(Sandbox);

impl OpenConnection {
    fn count(sandbox: &Sandbox) -> OpenConnection {
        let mut stats = lock(&sandbox.inner.stats);
        stats.open_connections += 1;
        stats.peak_connections = stats.peak_connections.max(stats.open_connections);
        BUSIEST_SINCE_TRIM.fetch_max(stats.open_connections, Ordering::Relaxed);
        OpenConnection(sandbox.clone())
    }
}

impl Drop for OpenConnection {
    fn drop(&mut self) {
        let mut stats = lock(&self.0.inner.stats);
        stats.open_connections = stats.open_connections.saturating_sub(1);
        let idle = stats.open_connections == 0;
        drop(stats);
        if idle && BUSIEST_SINCE_TRIM.swap(0, Ordering::Relaxed) >= TRIM_AFTER_CONNECTIONS {
            release_freed_memory();
        }
    }
}

/// The most connections open at once since memory was last handed back to the system.
static BUSIEST_SINCE_TRIM: AtomicU64 = AtomicU64::new(0);

/// A flood this wide leaves megabytes of freed buffers in the allocator's per-thread arenas.
const TRIM_AFTER_CONNECTIONS: u64 = 256;

/// Once the last connection of a flood has closed, give the memory its buffers held back to the
/// system, so a long-running sandbox returns to its resting size instead of keeping its peak
/// (glibc keeps freed memory in its arenas; other allocators return it on their own).
fn release_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only walks glibc's own heap under its own locks; it takes no pointer.
    unsafe {
        libc::malloc_trim(0);
    }
}

impl RunningSandbox {
    /// `http://127.0.0.1:PORT`
    pub(crate) fn root_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// `http://127.0.0.1:PORT/paradigm`
    pub fn base_url(&self, vendor: &str) -> String {
        format!("{}/{vendor}", self.root_url())
    }

    /// `http://127.0.0.1:PORT` where `vendor` is served at the root of its own port, if it is.
    pub(crate) fn vendor_root_url(&self, vendor: &str) -> Option<String> {
        self.vendor_roots
            .iter()
            .find(|(name, _)| *name == vendor)
            .map(|(_, addr)| format!("http://{addr}"))
    }

    /// A complete roster config file: the first vendor as `default_profile`, and one
    /// `[profiles.<vendor>]` block per emulated vendor with its base URL and test credentials.
    pub fn profiles_toml(&self) -> String {
        super::profiles_toml(|vendor| self.base_url(vendor))
    }

    /// The same config for the host-root layout (each vendor at the root of its own port), or
    /// `None` when the sandbox serves no vendor ports.
    pub(crate) fn vendor_ports_profiles_toml(&self) -> Option<String> {
        if self.vendor_roots.is_empty() {
            return None;
        }
        Some(super::profiles_toml(|vendor| {
            self.vendor_root_url(vendor).unwrap_or_default()
        }))
    }

    /// Stop accepting, let open requests finish (briefly), and wait for the server task.
    pub async fn shutdown(self) {
        let RunningSandbox { stop, mut task, .. } = self;
        drop(stop);
        if tokio::time::timeout(SHUTDOWN_GRACE, &mut task)
            .await
            .is_err()
        {
            // A client holding a request open must not keep the caller waiting forever.
            task.abort();
        }
    }
}

/// What a handler knows about its connection: the address the client reached, and the switch
/// that cuts the connection.
#[derive(Clone, Debug)]
pub(super) struct Connection {
    pub(crate) local: SocketAddr,
    cut: Arc<AtomicBool>,
}

impl Connection {
    /// From now on every read and write on this connection fails, so the server closes it
    /// without sending whatever answer the handler returns.
    pub(super) fn cut(&self) {
        self.cut.store(true, Ordering::SeqCst);
    }
}

struct CuttableStream {
    stream: TcpStream,
    cut: Arc<AtomicBool>,
}

impl CuttableStream {
    fn check(&self) -> io::Result<()> {
        if self.cut.load(Ordering::SeqCst) {
            return Err(io::Error::new(
                io::ErrorKind::ConnectionReset,
                "sandbox fault: connection dropped",
            ));
        }
        Ok(())
    }
}

impl AsyncRead for CuttableStream {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        this.check()?;
        Pin::new(&mut this.stream).poll_read(cx, buf)
    }
}

impl AsyncWrite for CuttableStream {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        this.check()?;
        Pin::new(&mut this.stream).poll_write(cx, buf)
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        this.check()?;
        Pin::new(&mut this.stream).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vendor_ports_follow_the_base_or_are_all_free() {
        assert_eq!(vendor_port(0, 3), Some(0));
        assert_eq!(vendor_port(9000, 0), Some(9000));
        assert_eq!(vendor_port(9000, 3), Some(9003));
        assert_eq!(vendor_port(65535, 1), None);
    }
}
