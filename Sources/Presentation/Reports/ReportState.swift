import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The `--if-changed STATEFILE` state: a keyed hash of the last sent results.
///
/// Threat model. A state file often lives somewhere others can read (a shared cron directory, a
/// project checkout). An unkeyed hash of a one-number KPI can be brute-forced by any such reader:
/// hash every plausible number until one matches. So the file holds HMAC-SHA256 of the results'
/// fingerprint under a 256-bit key that is NOT in the state file: it lives in
/// `$XDG_STATE_HOME/spyglass/if-changed.key` (default `~/.local/state/spyglass`), created once with
/// mode 0600 in a 0700 directory. A reader of the state file without the key learns only whether
/// two runs had equal results. Anyone who can read the key (the same user, root) can still brute-force;
/// that is the same trust as the user's own shell.
///
/// The path itself is guarded: an existing object that is not a regular file (a device node, a FIFO,
/// a directory, a symlink to one of them) is refused; an existing file keeps its mode; a new one is
/// created 0600; the file and its directory must be writable, checked by `checkWritable` before any
/// query runs, so an unwritable path fails before anything is printed or sent.
public struct ReportStateFile: Sendable {
    public let path: String
    /// The file actually written: `path` with a symlink to a regular file resolved.
    let target: String

    /// Checks the path now (see the type's comment); throws a `ReportError` of one sentence.
    public init(path: String) throws {
        self.path = path
        var info = stat()
        if lstat(path, &info) == 0 {
            var resolved = path
            if (info.st_mode & S_IFMT) == S_IFLNK {
                guard stat(path, &info) == 0 else {
                    throw ReportError("--if-changed: '\(path)' is a dangling symbolic link, not a state file")
                }
                guard let real = realpath(path, nil) else {
                    throw ReportError("--if-changed: cannot resolve the symbolic link '\(path)'")
                }
                resolved = String(cString: real)
                free(real)
            }
            guard (info.st_mode & S_IFMT) == S_IFREG else {
                throw ReportError("--if-changed: '\(path)' exists and is not a regular file (\(Self.kind(info.st_mode))); give a path to a regular file")
            }
            target = resolved
            // Opened for writing without truncation: the real permission check (root included).
            let fd = open(target, O_WRONLY | O_CLOEXEC | O_NONBLOCK)
            guard fd >= 0 else {
                throw ReportError("--if-changed: cannot write the state file '\(path)': \(String(cString: strerror(errno)))")
            }
            close(fd)
        } else {
            target = path
        }
        // The atomic replacement needs a new file beside it: create and remove one now.
        let probe = target + ".probe-\(getpid())"
        let fd = open(probe, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else {
            let directory = (target as NSString).deletingLastPathComponent
            throw ReportError("--if-changed: cannot write the state file '\(path)': its directory '\(directory.isEmpty ? "." : directory)' "
                              + "is missing or not writable (\(String(cString: strerror(errno))))")
        }
        close(fd)
        unlink(probe)
    }

    private static func kind(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFDIR: return "a directory"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFIFO: return "a FIFO"
        case S_IFSOCK: return "a socket"
        default: return "not a regular file"
        }
    }

    /// The stored keyed hash, or nil when there is none yet.
    public func read() -> String? {
        guard let data = FileManager.default.contents(atPath: target) else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// What the file holds for `fingerprint` under `key`: `hmac-sha256:` and 64 hex digits.
    public static func digest(_ fingerprint: String, key: [UInt8]) -> String {
        "hmac-sha256:" + SHA256.hex(SHA256.hmac(key: key, message: Array(fingerprint.utf8)))
    }

    /// Replaces the file atomically (a temporary file in the same directory, then `rename`), with the
    /// old file's mode, or 0600 for a new one.
    public func write(_ content: String) throws {
        var info = stat()
        let mode: mode_t = stat(target, &info) == 0 ? info.st_mode & 0o7777 : 0o600
        let temporary = target + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else {
            throw ReportError("--if-changed: cannot write the state file '\(path)': \(String(cString: strerror(errno)))")
        }
        let bytes = Array((content + "\n").utf8)
        let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        let ok = written == bytes.count && fchmod(fd, mode) == 0 && fsync(fd) == 0
        let failure = errno
        close(fd)
        guard ok, rename(temporary, target) == 0 else {
            let cause = String(cString: strerror(ok ? errno : failure))
            unlink(temporary)
            throw ReportError("--if-changed: cannot write the state file '\(path)': \(cause)")
        }
    }

    /// The key for the keyed hash: 32 random bytes in `$XDG_STATE_HOME/spyglass/if-changed.key`,
    /// created once (0600, its directory 0700); a key file readable by others is refused.
    public static func key(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> [UInt8] {
        let base: String
        if let xdg = environment["XDG_STATE_HOME"], xdg.hasPrefix("/") {
            base = xdg
        } else {
            base = (environment["HOME"] ?? NSHomeDirectory()) + "/.local/state"
        }
        let directory = base + "/spyglass"
        let path = directory + "/if-changed.key"
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw ReportError("--if-changed: cannot create the key directory '\(directory)': \(error.localizedDescription)")
        }
        var random = SystemRandomNumberGenerator()
        let fresh = (0..<32).map { _ in UInt8.random(in: 0...255, using: &random) }
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
        if fd >= 0 {
            let written = fresh.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            let synced = fsync(fd) == 0
            close(fd)
            guard written == 32, synced else {
                unlink(path)
                throw ReportError("--if-changed: cannot write the key file '\(path)'")
            }
            return fresh
        }
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            throw ReportError("--if-changed: the key file '\(path)' is not a regular file")
        }
        guard info.st_mode & 0o077 == 0 else {
            throw ReportError("--if-changed: the key file '\(path)' is readable by others; make it mode 0600")
        }
        guard let data = FileManager.default.contents(atPath: path), data.count == 32 else {
            throw ReportError("--if-changed: the key file '\(path)' cannot be read or is not 32 bytes")
        }
        return Array(data)
    }
}

/// SHA-256 (FIPS 180-4) and HMAC (RFC 2104), small and dependency-free: the state file needs one
/// keyed hash per run, checked against Python's hashlib/hmac in the tests.
enum SHA256 {
    private static let k: [UInt32] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ]

    static func hash(_ message: [UInt8]) -> [UInt8] {
        var h: [UInt32] = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]
        var data = message
        data.append(0x80)
        while data.count % 64 != 56 { data.append(0) }
        let bits = UInt64(message.count) &* 8
        for shift in stride(from: 56, through: 0, by: -8) { data.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift))) }
        func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }
        var w = [UInt32](repeating: 0, count: 64)
        for chunk in stride(from: 0, to: data.count, by: 64) {
            for i in 0..<16 {
                let j = chunk + i * 4
                w[i] = UInt32(data[j]) << 24 | UInt32(data[j + 1]) << 16 | UInt32(data[j + 2]) << 8 | UInt32(data[j + 3])
            }
            for i in 16..<64 {
                let s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3)
                let s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10)
                w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
            }
            var (a, b, c, d, e, f, g, hh) = (h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7])
            for i in 0..<64 {
                let t1 = hh &+ (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) &+ ((e & f) ^ (~e & g)) &+ k[i] &+ w[i]
                let t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) &+ ((a & b) ^ (a & c) ^ (b & c))
                (hh, g, f, e, d, c, b, a) = (g, f, e, d &+ t1, c, b, a, t1 &+ t2)
            }
            h[0] = h[0] &+ a; h[1] = h[1] &+ b; h[2] = h[2] &+ c; h[3] = h[3] &+ d
            h[4] = h[4] &+ e; h[5] = h[5] &+ f; h[6] = h[6] &+ g; h[7] = h[7] &+ hh
        }
        return h.flatMap { v in (0..<4).map { UInt8(truncatingIfNeeded: v >> UInt32(24 - $0 * 8)) } }
    }

    static func hmac(key: [UInt8], message: [UInt8]) -> [UInt8] {
        var block = key.count > 64 ? hash(key) : key
        block += [UInt8](repeating: 0, count: 64 - block.count)
        let inner = hash(block.map { $0 ^ 0x36 } + message)
        return hash(block.map { $0 ^ 0x5c } + inner)
    }

    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }
}
