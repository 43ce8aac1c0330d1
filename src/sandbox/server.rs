//! Serving the sandbox over TCP, with connections a handler can cut to emulate a dropped answer.

use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::extract::connect_info::Connected;
use axum::serve::{IncomingStream, Listener};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use super::{app, Sandbox};

/// A sandbox serving in a background task. Dropping it stops the server.
#[derive(Debug)]
pub struct RunningSandbox {
    pub addr: SocketAddr,
    stop: oneshot::Sender<()>,
    task: JoinHandle<()>,
}

/// How long `shutdown` lets open requests finish before abandoning them.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(2);

pub(super) async fn start(sandbox: Sandbox, addr: SocketAddr) -> io::Result<RunningSandbox> {
    let listener = TcpListener::bind(addr).await?;
    let addr = listener.local_addr()?;
    let (stop, stopped) = oneshot::channel::<()>();
    let service = app::router(sandbox).into_make_service_with_connect_info::<Connection>();
    let task = tokio::spawn(async move {
        // A dropped sender ends the wait as well as a sent value: both mean stop.
        let signal = async move {
            let _ = stopped.await;
        };
        let served = axum::serve(CuttableListener(listener), service)
            .with_graceful_shutdown(signal)
            .await;
        // With graceful shutdown, serving only ends when asked to; there is nobody to tell.
        drop(served);
    });
    Ok(RunningSandbox { addr, stop, task })
}

impl RunningSandbox {
    /// `http://127.0.0.1:PORT`
    pub fn root_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// `http://127.0.0.1:PORT/paradigm`
    pub fn base_url(&self, vendor: &str) -> String {
        format!("{}/{vendor}", self.root_url())
    }

    /// A complete roster config file: the first vendor as `default_profile`, and one
    /// `[profiles.<vendor>]` block per emulated vendor with its base URL and test credentials.
    pub fn profiles_toml(&self) -> String {
        super::profiles_toml(&self.root_url())
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
    pub local: SocketAddr,
    cut: Arc<AtomicBool>,
}

impl Connection {
    /// From now on every read and write on this connection fails, so the server closes it
    /// without sending whatever answer the handler returns.
    pub(super) fn cut(&self) {
        self.cut.store(true, Ordering::SeqCst);
    }
}

struct CuttableListener(TcpListener);

impl Listener for CuttableListener {
    type Io = CuttableStream;
    type Addr = Connection;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        // axum's own accept retries on errors such as running out of file descriptors.
        let (stream, _peer) = Listener::accept(&mut self.0).await;
        let cut = Arc::new(AtomicBool::new(false));
        let local = stream
            .local_addr()
            .or_else(|_| self.0.local_addr())
            .unwrap_or_else(|_| SocketAddr::from(([127, 0, 0, 1], 0)));
        let connection = Connection {
            local,
            cut: cut.clone(),
        };
        (CuttableStream { stream, cut }, connection)
    }

    fn local_addr(&self) -> io::Result<Self::Addr> {
        Ok(Connection {
            local: self.0.local_addr()?,
            cut: Arc::new(AtomicBool::new(false)),
        })
    }
}

impl Connected<IncomingStream<'_, CuttableListener>> for Connection {
    fn connect_info(stream: IncomingStream<'_, CuttableListener>) -> Self {
        stream.remote_addr().clone()
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
