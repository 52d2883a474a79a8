/// Which end of a connection a codec speaks for; it decides the masking rules (RFC 6455 §5.1,
/// §5.3): a server reads masked frames and writes unmasked ones, a client the other way round.
package enum WebSocketRole: Sendable, Equatable {
    /// Tollgate's side: frames read MUST be masked, frames written are not.
    case server
    /// The peer's side (tests, a future upstream client): frames read MUST NOT be masked.
    case client
}
