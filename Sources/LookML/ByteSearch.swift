#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finding one byte in UTF-8 text with memchr, which looks at many bytes per step: newlines,
/// quotes, `$` and `@` in the scans of the parser and the semantic model.
public enum ByteSearch {
    /// The offset of the first `byte` in `bytes[start..<end]`, or nil.
    @inlinable
    public static func first(_ byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int? {
        guard start < end, let base = bytes.baseAddress,
              let hit = memchr(base + start, Int32(byte), end - start) else { return nil }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }
}
