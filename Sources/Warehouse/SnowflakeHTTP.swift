import AsyncHTTPClient
import Dispatch
import Foundation
import NIOCore
import NIOHTTP1

/// Blocking HTTP calls for the synchronous `Connection` API, on AsyncHTTPClient's own event loops
/// (never Swift's cooperative pool, so a caller blocking here cannot starve the tasks it waits for).
/// Every wait is sliced so a cancel or a deadline stops it within 100 ms.
enum SnowflakeHTTP {
    /// One client for the process: connections to the same host are pooled across sessions. Gzip
    /// responses (Snowflake's JSON result chunks) are decompressed. A refused or unresolvable host
    /// fails at once instead of being retried until the connect timeout.
    static let client: HTTPClient = {
        var configuration = HTTPClient.Configuration(timeout: .init(connect: .seconds(15), read: .seconds(300)),
                                                     decompression: .enabled(limit: .none))
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()

    struct Response {
        var status: Int
        var body: [UInt8]
    }

    /// Why a blocking wait stopped early.
    enum Interruption: Error {
        case cancelled
        case deadline
    }

    /// Starts a request; `wait` collects it.
    static func start(_ method: HTTPMethod, _ url: String, headers: [(String, String)], body: [UInt8]?) throws -> HTTPClient.Task<HTTPClient.Response> {
        var request = try HTTPClient.Request(url: url, method: method, headers: HTTPHeaders(headers),
                                             body: body.map { .bytes($0) })
        request.headers.replaceOrAdd(name: "User-Agent", value: "Spyglass/1.0 (Swift)")
        return client.execute(request: request, delegate: ResponseAccumulator(request: request), eventLoop: .indifferent)
    }

    /// Waits for a started request, checking `interrupted` every 100 ms; on an interruption the
    /// request is cancelled and the interruption thrown.
    static func wait(_ task: HTTPClient.Task<HTTPClient.Response>, interrupted: () -> Interruption?) throws -> Response {
        let done = DispatchSemaphore(value: 0)
        task.futureResult.whenComplete { _ in done.signal() }
        while done.wait(timeout: .now() + .milliseconds(100)) == .timedOut {
            if let reason = interrupted() {
                task.cancel()
                throw reason
            }
        }
        let response = try task.futureResult.wait()
        var body: [UInt8] = []
        if var buffer = response.body { body = buffer.readBytes(length: buffer.readableBytes) ?? [] }
        return Response(status: Int(response.status.code), body: body)
    }

    static func send(_ method: HTTPMethod, _ url: String, headers: [(String, String)], body: [UInt8]?,
                     interrupted: () -> Interruption? = { nil }) throws -> Response {
        try wait(try start(method, url, headers: headers, body: body), interrupted: interrupted)
    }

    /// A transport failure in one sentence (no URL query strings: presigned chunk URLs carry credentials).
    static func describe(_ error: Error) -> String {
        if let e = error as? HTTPClientError {
            switch e {
            case .connectTimeout: return "the connection timed out"
            case .readTimeout: return "the server stopped answering"
            case .remoteConnectionClosed: return "the server closed the connection"
            case .cancelled: return "the request was cancelled"
            default: break
            }
        }
        let text = String(describing: error)
        if text.contains("connectionRefused") || text.contains("Connection refused") { return "the connection was refused" }
        if text.contains("NIOConnectionError") || text.contains("resolution") { return "the host cannot be reached (check the account name or host=)" }
        if text.contains("handshake") || text.contains("NIOSSLError") || text.contains("BoringSSL") {
            return "the TLS handshake failed (check host= and protocol=)"
        }
        return Sanitize.sentence(text)
    }
}

/// Makes server and transport text safe to show: one line, no control characters, bounded length.
enum Sanitize {
    static func sentence(_ text: String, limit: Int = 400) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value) {
                if !out.hasSuffix(" ") { out += " " }
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        let trimmed = out.trimmingCharacters(in: .whitespaces)
        return trimmed.count > limit ? String(trimmed.prefix(limit)) + "…" : trimmed
    }
}
