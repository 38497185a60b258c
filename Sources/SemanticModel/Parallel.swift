import Dispatch

/// Runs independent pieces of loading (one file, one view) on all cores.
enum Parallel {
    /// `body(i)` for every i in 0..<count, results in index order. `body` must not share mutable
    /// state between iterations; each iteration writes only its own slot.
    static func map<T>(_ count: Int, _ body: (Int) -> T) -> [T] {
        var items = [T?](repeating: nil, count: count)
        eachSlot(&items) { slot, i in slot = body(i) }
        return items.map { $0! }
    }

    /// Empties every slot of `items` on all cores, leaving `items` empty. For large trees that the
    /// caller holds the only reference to, so freeing them is parallel work rather than serial.
    static func discard<T>(_ items: inout [T?]) {
        eachSlot(&items) { slot, _ in slot = nil }
        items.removeAll()
    }

    /// `body(&items[i], i)` for every slot, on all cores; each iteration touches only its slot.
    private static func eachSlot<T>(_ items: inout [T], _ body: (inout T, Int) -> Void) {
        // Small inputs are not worth waking threads for.
        if items.count < 8 {
            for i in items.indices { body(&items[i], i) }
            return
        }
        withoutActuallyEscaping(body) { work in
            items.withUnsafeMutableBufferPointer { buffer in
                // Each iteration writes only slot i, and `work` only reads shared state.
                nonisolated(unsafe) let slots = buffer
                nonisolated(unsafe) let work = work
                DispatchQueue.concurrentPerform(iterations: slots.count) { i in work(&slots[i], i) }
            }
        }
    }
}
