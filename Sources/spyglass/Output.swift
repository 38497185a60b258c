import Foundation

/// stdout and stderr for the command line. stdout is buffered (CSV streams millions of rows through
/// here); errors are one line, prefixed like a compiler's.
enum Output {
    private static let buffer = OutputBuffer(fd: STDOUT_FILENO)

    static func write(_ text: String) { buffer.append(text) }

    static func write(bytes: UnsafeRawBufferPointer) { buffer.append(bytes) }

    static func line(_ text: String) {
        buffer.append(text)
        buffer.append("\n")
    }

    static func flush() { buffer.flush() }

    static func error(_ message: String) {
        buffer.flush()
        writeAll(STDERR_FILENO, "spyglass: error: \(printable(message))\n")
    }

    static func note(_ message: String) {
        writeAll(STDERR_FILENO, "spyglass: \(printable(message))\n")
    }

    /// A message made safe for a terminal, at the one place every message leaves: names a user typed
    /// (`--fields`, `--time-zone`, an explore or dashboard name) may hold newlines (a fake second error
    /// line) or escape sequences (a terminal title, a cleared screen). Control characters, DEL, C1
    /// controls, line/paragraph separators and bidirectional overrides are written as `\u{…}`, as filter
    /// values already are.
    static func printable(_ message: String) -> String {
        guard message.unicodeScalars.contains(where: needsEscape) else { return message }
        var out = ""
        for scalar in message.unicodeScalars {
            if needsEscape(scalar) { out += "\\u{" + String(scalar.value, radix: 16) + "}" } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }

    private static func needsEscape(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x00..<0x20, 0x7F..<0xA0, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// JSON text for any Encodable, keys in a stable order.
    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    fileprivate static func writeAll(_ fd: Int32, _ text: String) {
        var text = text
        text.withUTF8 { writeAll(fd, UnsafeRawBufferPointer($0)) }
    }

    fileprivate static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) {
        var offset = 0
        while offset < bytes.count {
            let n = Foundation.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                let failure = errno
                if failure == EINTR { continue }
                // A closed pipe (`| head`): stop quietly, as other Unix tools do.
                if failure == EPIPE { exit(0) }
                // A full disk, a closed or read-only descriptor: say so (unless stderr itself failed).
                if fd != STDERR_FILENO {
                    writeAll(STDERR_FILENO, "spyglass: error: cannot write the output to \(fd == STDOUT_FILENO ? "standard output" : "file descriptor \(fd)"): \(String(cString: strerror(failure)))\n")
                }
                exit(1)
            }
            offset += n
        }
    }
}

/// A byte buffer in front of a file descriptor.
private final class OutputBuffer: @unchecked Sendable {
    private let fd: Int32
    private var bytes: [UInt8] = []
    private let lock = NSLock()
    private let capacity = 1 << 16

    init(fd: Int32) {
        self.fd = fd
        bytes.reserveCapacity(capacity)
        signal(SIGPIPE, SIG_IGN)
    }

    func append(_ text: String) {
        var text = text
        text.withUTF8 { append(UnsafeRawBufferPointer($0)) }
    }

    func append(_ chunk: UnsafeRawBufferPointer) {
        lock.lock()
        defer { lock.unlock() }
        bytes.append(contentsOf: chunk)
        if bytes.count >= capacity { drain() }
    }

    func flush() {
        lock.lock()
        defer { lock.unlock() }
        drain()
    }

    private func drain() {
        guard !bytes.isEmpty else { return }
        bytes.withUnsafeBytes { Output.writeAll(fd, $0) }
        bytes.removeAll(keepingCapacity: true)
    }
}
