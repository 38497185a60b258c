import Foundation
import Presentation
import TestSupport
import Testing

/// Finding 11 of the hardening review: `--if-changed STATEFILE` replaced whatever was at the path,
/// reset its mode to the umask, stored an unkeyed hash a local reader could brute-force, and found an
/// unwritable path only after the report was printed.
@Suite("finding 11: --if-changed state file", .serialized)
struct IfChangedStateFileTests {
    /// A private XDG_STATE_HOME per test, so the key file is created where the test can see it.
    struct Sandbox {
        let directory: String
        var stateHome: String { directory + "/xdg" }
        var keyPath: String { stateHome + "/spyglass/if-changed.key" }

        init() throws {
            directory = NSTemporaryDirectory() + "spyglass-finding11-\(getpid())-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }

        func report(_ arguments: [String]) throws -> SpyglassProcess.Result {
            try SpyglassProcess.run(["report", "business_health"] + arguments + ["--project", SpyglassProcess.repositoryRoot],
                                    environment: ["XDG_STATE_HOME": stateHome])
        }

        func remove() { try? FileManager.default.removeItem(atPath: directory) }
    }

    static func mode(_ path: String) -> mode_t {
        var info = stat()
        _ = stat(path, &info)
        return info.st_mode & 0o7777
    }

    @Test func ifChangedRefusesAPathThatIsNotARegularFile() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let fifo = box.directory + "/fifo"
        #expect(mkfifo(fifo, 0o644) == 0)
        let directory = box.directory + "/dir"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let linkToFifo = box.directory + "/link-to-fifo"
        try FileManager.default.createSymbolicLink(atPath: linkToFifo, withDestinationPath: fifo)
        let cases: [(String, String)] = [(fifo, "a FIFO"), (directory, "a directory"), (linkToFifo, "a FIFO"),
                                         ("/dev/null", "a character device")]
        for (path, kind) in cases {
            let result = try box.report(["--if-changed", path])
            #expect(result.code == 2, "\(path): \(result.stderr)")
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.contains("'\(path)' exists and is not a regular file (\(kind))"), "\(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1)
        }
        // Nothing was replaced: the FIFO is still a FIFO, the link still a link.
        var info = stat()
        #expect(lstat(fifo, &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO)
        #expect(lstat(linkToFifo, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK)
    }

    @Test func ifChangedKeepsTheModeOfAnExistingFileAndCreatesNewOnes0600() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let fresh = box.directory + "/fresh"
        let first = try box.report(["--if-changed", fresh])
        #expect(first.code == 0, "\(first.stderr)")
        #expect(Self.mode(fresh) == 0o600)

        let shared = box.directory + "/shared"
        #expect(FileManager.default.createFile(atPath: shared, contents: Data("old\n".utf8)))
        #expect(chmod(shared, 0o640) == 0)
        let second = try box.report(["--if-changed", shared])
        #expect(second.code == 0, "\(second.stderr)")
        #expect(Self.mode(shared) == 0o640)

        // A symlink to a regular file: the file behind it is updated, the link stays.
        let target = box.directory + "/target"
        #expect(FileManager.default.createFile(atPath: target, contents: Data()))
        #expect(chmod(target, 0o644) == 0)
        let link = box.directory + "/link"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        let third = try box.report(["--if-changed", link])
        #expect(third.code == 0, "\(third.stderr)")
        var info = stat()
        #expect(lstat(link, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK)
        #expect(Self.mode(target) == 0o644)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == String(contentsOfFile: fresh, encoding: .utf8))
    }

    /// The stored value is HMAC-SHA256 under the key in XDG_STATE_HOME, checked with Python's hmac;
    /// a plain SHA-256 of the same fingerprint (what a reader without the key could compute) differs.
    @Test func ifChangedStoresAKeyedHash() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let state = box.directory + "/state"
        let run = try box.report(["--if-changed", state])
        #expect(run.code == 0, "\(run.stderr)")
        let stored = try String(contentsOfFile: state, encoding: .utf8)
        #expect(stored.hasPrefix("hmac-sha256:"))
        #expect(stored.count == 77)
        #expect(Self.mode(box.keyPath) == 0o600)
        #expect(Self.mode(box.stateHome + "/spyglass") == 0o700)
        let key = try #require(FileManager.default.contents(atPath: box.keyPath))
        #expect(key.count == 32)

        // Our SHA-256/HMAC agree with Python's on the RFC 4231 vectors and on long inputs.
        let keyHex = key.map { String(format: "%02x", $0) }.joined()
        let script = """
import sys, hmac, hashlib, json
key = bytes.fromhex(sys.argv[1])
msgs = ["", "abc", "x" * 1000, "Hi There", "é" * 70]
print(json.dumps([hmac.new(key, m.encode(), hashlib.sha256).hexdigest() for m in msgs]
  + [hmac.new(b"\\x0b" * 20, b"Hi There", hashlib.sha256).hexdigest(), hmac.new(b"k" * 200, b"abc", hashlib.sha256).hexdigest()]))
"""
        let expected = try #require(try Python.json(script, arguments: [keyHex]) as? [String])
        let mine = ["", "abc", String(repeating: "x", count: 1000), "Hi There", String(repeating: "é", count: 70)]
            .map { ReportStateFile.digest($0, key: Array(key)) }
            + [ReportStateFile.digest("Hi There", key: [UInt8](repeating: 0x0b, count: 20)),
               ReportStateFile.digest("abc", key: Array("k".utf8) + [UInt8](repeating: UInt8(ascii: "k"), count: 199))]
        #expect(mine == expected.map { "hmac-sha256:" + $0 })
        // RFC 4231 test case 1, written out.
        #expect(expected[5] == "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")

        // The same key is reused: an unchanged run prints nothing.
        let again = try box.report(["--if-changed", state])
        #expect(again.code == 0, "\(again.stderr)")
        #expect(again.stdout.isEmpty)
        #expect(try FileManager.default.contents(atPath: box.keyPath) == key)
    }

    /// Unwritable even for root: sysfs refuses new files and writes to a read-only attribute.
    @Test func ifChangedUnwritablePathFailsBeforeAnythingIsPrintedOrSent() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let sent = box.directory + "/sent"
        let cases = [("/sys/kernel/spyglass-state", "its directory '/sys/kernel' is missing or not writable"),
                     (box.directory + "/no/such/dir/state", "its directory '\(box.directory)/no/such/dir' is missing"),
                     ("/sys/kernel/uevent_seqnum", "cannot write the state file '/sys/kernel/uevent_seqnum': Permission denied")]
        for (path, reason) in cases {
            let text = try box.report(["--if-changed", path])
            #expect(text.code == 2, "\(text.stderr)")
            #expect(text.stdout.isEmpty)
            #expect(text.stderr.contains(reason), "\(text.stderr)")
            let mail = try box.report(["--format", "email", "--to", "ops@example.com", "--if-changed", path,
                                       "--deliver", "cat > '\(sent)'"])
            #expect(mail.code == 2, "\(mail.stderr)")
            #expect(mail.stdout.isEmpty)
            #expect(!FileManager.default.fileExists(atPath: sent))
        }
    }
}
