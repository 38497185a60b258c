import Crypto
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
        let mac = HMAC<SHA256>.authenticationCode(for: Array(fingerprint.utf8), using: SymmetricKey(data: key))
        return "hmac-sha256:" + mac.map { String(format: "%02x", $0) }.joined()
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
