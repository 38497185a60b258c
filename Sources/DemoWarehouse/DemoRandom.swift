/// The demo's pseudo-random generator: xoshiro256** seeded through splitmix64.
///
/// Every entity draws from its own stream, keyed by (table, entity id), so a row's values never
/// depend on how many numbers another table consumed before it, and the data is identical on every
/// run and machine. Only IEEE-exact operations (+ − × ÷ √) are used on doubles: `log`/`exp` from the
/// C library may differ in the last bit between libm versions, which could flip a rounded value.
struct DemoRandom {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    /// The seed of the whole warehouse; bump `DemoWarehouse.generatorVersion` when changing it.
    static let baseSeed: UInt64 = 0x5eed_5b1a_55c0_ffee

    /// A stream for one entity: `stream` names the purpose (a table), `id` the entity.
    init(stream: UInt64, id: Int) {
        var sm = DemoRandom.baseSeed ^ (stream &* 0x9E37_79B9_7F4A_7C15) ^ (UInt64(bitPattern: Int64(id)) &* 0xD1B5_4A32_D192_ED03)
        s0 = DemoRandom.splitmix(&sm)
        s1 = DemoRandom.splitmix(&sm)
        s2 = DemoRandom.splitmix(&sm)
        s3 = DemoRandom.splitmix(&sm)
    }

    private static func splitmix(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    @inline(__always)
    mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = (s3 << 45) | (s3 >> 19)
        return result
    }

    /// Uniform in [0, 1).
    @inline(__always)
    mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Uniform in 0..<n (Lemire's multiply-high; the bias is far below anything a chart shows).
    @inline(__always)
    mutating func int(_ n: Int) -> Int { Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(n)).high) }

    /// Uniform in `range`.
    @inline(__always)
    mutating func int(in range: ClosedRange<Int>) -> Int { range.lowerBound + int(range.count) }

    @inline(__always)
    mutating func chance(_ p: Double) -> Bool { unit() < p }

    /// Exponential with the given mean (memoryless lifetimes, waiting times).
    mutating func exponential(mean: Double) -> Double { -DemoRandom.ln(1 - unit()) * mean }

    /// Approximately standard normal (Irwin–Hall of 4 uniforms, rescaled): cheap and exact-arithmetic.
    mutating func normal() -> Double { (unit() + unit() + unit() + unit() - 2) * 1.7320508075688772 }

    /// Pareto with shape 2 and minimum 1: a heavy tail (a few servers with many users) using only √.
    mutating func pareto2() -> Double { 1 / (1 - unit()).squareRoot() }

    /// Natural logarithm from IEEE-exact operations only (exponent split + atanh series), so the
    /// data does not depend on the C library's `log` rounding.
    static func ln(_ x: Double) -> Double {
        precondition(x > 0)
        let e = Double(x.exponent)
        let m = x.significand  // [1, 2)
        let t = (m - 1) / (m + 1)  // ≤ 1/3
        let t2 = t * t
        var term = t
        var sum = 0.0
        var k = 1.0
        for _ in 0..<16 {
            sum += term / k
            term *= t2
            k += 2
        }
        return 2 * sum + e * 0.6931471805599453
    }
}

/// A fixed list of choices with weights, sampled by a linear scan of the cumulative weights (the
/// lists are short; the long tail of event names is ordered most-frequent first).
struct WeightedChoice<Element: Sendable>: Sendable {
    let elements: [Element]
    let cumulative: [Double]

    init(_ pairs: [(Element, Double)]) {
        elements = pairs.map(\.0)
        var total = 0.0
        cumulative = pairs.map { total += $0.1; return total }
    }

    var total: Double { cumulative.last ?? 0 }

    @inline(__always)
    func pick(_ random: inout DemoRandom) -> Element {
        elements[pickIndex(&random)]
    }

    @inline(__always)
    func pickIndex(_ random: inout DemoRandom) -> Int {
        let x = random.unit() * total
        var i = 0
        while i < cumulative.count - 1 && cumulative[i] <= x { i += 1 }
        return i
    }
}
