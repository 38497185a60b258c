import Foundation
import Presentation
import QueryEngine
import SemanticModel

/// What running one dashboard tile gave: its rows, its failure, or nothing (a text tile).
public struct TileOutcome: Sendable {
    public enum State: Sendable {
        /// A `text` tile (or any tile without a query): nothing ran.
        case text
        case table(ResultTable)
        /// The tile's query failed; the error's message names the tile.
        case failed(SpyglassError)
    }

    public var element: DashboardElement
    /// The query the tile ran, with the dashboard's filter values applied (nil for text tiles).
    public var spec: QuerySpec?
    public var state: State

    public init(element: DashboardElement, spec: QuerySpec?, state: State) {
        self.element = element
        self.spec = spec
        self.state = state
    }

    public var table: ResultTable? {
        if case .table(let table) = state { return table }
        return nil
    }

    public var error: SpyglassError? {
        if case .failed(let error) = state { return error }
        return nil
    }
}

extension Workspace {
    /// Runs every query tile of `dashboard` in parallel and returns one outcome per tile, in the
    /// dashboard's order. A failing tile does not stop the others: it comes back as `.failed` with a
    /// message naming the tile, so a caller can refuse to send a half-empty report.
    ///
    /// `filterValues` is keyed by the dashboard filter's `name`; an unknown name throws a usage
    /// error naming it, since a misspelt filter would otherwise silently widen every tile.
    public func runDashboard(_ dashboard: Dashboard, filterValues: [String: String] = [:],
                             token: CancelToken = CancelToken()) throws -> [TileOutcome] {
        for name in filterValues.keys.sorted() where !dashboard.filters.contains(where: { $0.name == name }) {
            let known = dashboard.filters.map(\.name).joined(separator: ", ")
            throw SpyglassError(.usage, "dashboard '\(dashboard.name)' has no filter '\(name)'; its filters: \(known.isEmpty ? "none" : known)")
        }
        let elements = dashboard.elements
        // Resolve each tile's warehouse one at a time first: resolving may build the demo database,
        // and tiles resolving it at once would each start a build of the same file.
        var resolved = Set<String>()
        for element in elements where element.explore != nil && !element.fields.isEmpty {
            guard let spec = try? spec(for: element, in: dashboard, filterValues: filterValues),
                  resolved.insert(spec.explore).inserted else { continue }
            _ = try? target(of: spec)
        }
        let outcomes = OutcomeSlots(count: elements.count)
        // Two at a time per core at most: tiles wait on the database, not the CPU, but each holds
        // a connection and the pool grows to the number of tiles running at once.
        let width = max(1, min(elements.count, ProcessInfo.processInfo.activeProcessorCount * 2, 8))
        let next = AtomicCounter()
        DispatchQueue.concurrentPerform(iterations: width) { _ in
            while true {
                let index = next.increment()
                guard index < elements.count else { return }
                outcomes.set(index, runTile(elements[index], of: dashboard, filterValues: filterValues, token: token))
            }
        }
        return outcomes.values
    }

    /// One tile's outcome; never throws, so one failure cannot hide the others.
    func runTile(_ element: DashboardElement, of dashboard: Dashboard, filterValues: [String: String],
                 token: CancelToken) -> TileOutcome {
        guard element.explore != nil, !element.fields.isEmpty else {
            return TileOutcome(element: element, spec: nil, state: .text)
        }
        var spec: QuerySpec?
        do {
            spec = try self.spec(for: element, in: dashboard, filterValues: filterValues)
            let table = try run(spec!, token: token)
            return TileOutcome(element: element, spec: spec, state: .table(table))
        } catch {
            let cause = SpyglassError.from(error)
            let message = "tile '\(element.name)' of dashboard '\(dashboard.name)' failed: \(cause.message)"
            return TileOutcome(element: element, spec: spec, state: .failed(SpyglassError(cause.kind, message)))
        }
    }

    /// The headless report of a dashboard's outcomes (see `Presentation.Report`). Filter values
    /// shown are the ones in effect: given values, else the filters' defaults.
    public func report(of dashboard: Dashboard, outcomes: [TileOutcome], filterValues: [String: String] = [:],
                       generatedAt: Date = Date()) -> Report {
        let applied: [(String, String)] = dashboard.filters.compactMap { filter in
            let value = filterValues[filter.name] ?? filter.defaultValue ?? ""
            return value.isEmpty ? nil : (filter.title ?? filter.name, value)
        }
        let tiles = outcomes.map { outcome in
            ReportTile(name: outcome.element.name, title: outcome.element.title ?? Names.titleCase(outcome.element.name),
                       type: outcome.element.type, table: outcome.table, bodyText: outcome.element.bodyText,
                       settings: outcome.element.settings)
        }
        return Report(name: dashboard.name, title: dashboard.title, description: dashboard.description,
                      filters: applied.map { Report.Filter(title: $0.0, value: $0.1) }, tiles: tiles,
                      generatedAt: generatedAt, timeZone: compileOptions.queryTimeZone)
    }
}

/// Results written by concurrent workers, each into its own slot.
private final class OutcomeSlots: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [TileOutcome?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ outcome: TileOutcome) { lock.withLock { slots[index] = outcome } }

    var values: [TileOutcome] { lock.withLock { slots.compactMap { $0 } } }
}

/// Hands out tile indexes to workers.
private final class AtomicCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func increment() -> Int {
        lock.withLock {
            defer { value += 1 }
            return value
        }
    }
}
