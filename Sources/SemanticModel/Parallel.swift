import Dispatch

/// Runs independent pieces of loading (one file, one view) on all cores.
enum Parallel {
    /// `body(i)` for every i in 0..<count, results in index order. `body` must not share mutable
    /// state between iterations; each iteration writes only its own slot.
    static func map<T>(_ count: Int, _ body: (Int) -> T) -> [T] {
        var items = [T?](repeating: nil, count: count)
        // Small inputs are not worth waking threads for.
        if count < 8 {
            for i in 0..<count { items[i] = body(i) }
            return items.map { $0! }
        }
        withoutActuallyEscaping(body) { work in
            items.withUnsafeMutableBufferPointer { buffer in
                // Each iteration writes only slot i, and `work` only reads shared state.
                nonisolated(unsafe) let out = buffer
                nonisolated(unsafe) let work = work
                DispatchQueue.concurrentPerform(iterations: count) { i in out[i] = work(i) }
            }
        }
        return items.map { $0! }
    }

    /// Empties every slot of `items` on all cores, leaving `items` empty. For large trees that the
    /// caller holds the only reference to, so freeing them is parallel work rather than serial.
    static func discard<T>(_ items: inout [T?]) {
        if items.count >= 8 {
            items.withUnsafeMutableBufferPointer { buffer in
                // Each iteration writes only slot i.
                nonisolated(unsafe) let slots = buffer
                DispatchQueue.concurrentPerform(iterations: slots.count) { i in slots[i] = nil }
            }
        }
        items.removeAll()
    }
}
