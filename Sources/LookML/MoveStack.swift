/// A stack whose top elements can be moved out into an exactly sized array: the pairs (or list
/// items) of the blocks being parsed, innermost last.
///
/// An `Array` stack copies the block's pairs out and then destroys its own copies, a retain and a
/// release for every reference in every pair; moving them costs neither.
final class MoveStack<Element> {
    private var storage: UnsafeMutablePointer<Element>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 64) {
        self.capacity = max(capacity, 1)
        storage = .allocate(capacity: self.capacity)
    }

    deinit {
        storage.deinitialize(count: count)
        storage.deallocate()
    }

    func push(_ element: consuming Element) {
        if count == capacity {
            let larger = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
            larger.moveInitialize(from: storage, count: count)
            storage.deallocate()
            storage = larger
            capacity *= 2
        }
        (storage + count).initialize(to: element)
        count += 1
    }

    /// Moves the elements at `base` and above out, in push order; the stack is left `base` high.
    func take(from base: Int) -> [Element] {
        let n = count - base
        guard n > 0 else { return [] }
        let out = [Element](unsafeUninitializedCapacity: n) { buffer, initialized in
            buffer.baseAddress!.moveInitialize(from: storage + base, count: n)
            initialized = n
        }
        count = base
        return out
    }

    /// Drops the elements at `base` and above (what `take` did not move out on an early exit).
    func truncate(to base: Int) {
        guard count > base else { return }
        (storage + base).deinitialize(count: count - base)
        count = base
    }
}
