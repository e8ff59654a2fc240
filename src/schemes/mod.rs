//! Typed views of the auth-schemes, layered over the generic parse: they add
//! meaning to the parameters, never a second parser.

#[cfg(feature = "digest")]
#[cfg_attr(docsrs, doc(cfg(feature = "digest")))]
pub mod digest;
