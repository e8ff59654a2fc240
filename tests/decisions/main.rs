//! The decisions layer: what a client does next (`client::next_step`, and
//! the sans-IO `client::flow` with its properties) and what a server
//! answers (`server`, and its `http` types). One test binary, each file a
//! module.

#[path = "../support/cases.rs"]
mod cases;

mod client;
#[cfg(all(feature = "http", feature = "basic"))]
mod client_flow;
#[cfg(all(feature = "http", feature = "basic"))]
mod client_flow_prop;
#[cfg(feature = "alloc")]
mod server;
#[cfg(feature = "alloc")]
mod server_dpop;
#[cfg(all(feature = "http", feature = "basic-verify"))]
mod server_http;
