import Foundation

/// Set by SIGINT/SIGTERM/SIGHUP; the loop sees it within one key timeout and restores the terminal.
nonisolated(unsafe) private var pendingSignal: sig_atomic_t = 0

/// The run loop: draws the state's frame, reads a key (100 ms timeout, so spinners move), feeds
/// keys and background answers to the state machine, and performs effects on background threads.
/// Never blocks on a query: the UI thread only draws and dispatches.
final class TerminalLoop: @unchecked Sendable {
    private var state: AppState
    private let service: any QueryService
    private let lock = NSLock()
    private var inbox: [Event] = []
    private var running: [RequestID: Cancellation] = [:]
    private let work = DispatchQueue(label: "spyglass.tui.work", attributes: .concurrent)
    /// TEST ONLY (`SPYGLASS_TEST_CRASH`): crash after the first frame is drawn.
    private let testCrash: CrashGuard.TestCrash?
    /// Where `yank` sends text to the terminal's clipboard (set while running).
    private weak var device: (any TerminalDevice)?

    init(state: AppState, service: any QueryService, testCrash: CrashGuard.TestCrash? = nil) {
        self.state = state
        self.service = service
        self.testCrash = testCrash
    }

    /// Runs until the user quits or a signal arrives; always restores the terminal.
    func run(on device: TerminalDevice) -> Int32 {
        installSignalHandlers()
        self.device = device
        defer {
            cancelAll()
            device.restore()
        }
        perform(state.takeStartEffects())
        while !state.finished {
            if pendingSignal != 0 { return 128 + Int32(pendingSignal) }
            let size = device.size
            device.draw(state.render(width: size.width, height: size.height))
            if testCrash == .afterFirstDraw { CrashGuard.crash(.afterFirstDraw) }
            if let key = device.readKey(timeoutMilliseconds: 100) {
                if key == .resize {
                    device.invalidate()
                } else {
                    perform(state.handle(key))
                }
            }
            for event in takeEvents() { perform(state.receive(event)) }
        }
        return 0
    }

    private func takeEvents() -> [Event] {
        lock.withLock {
            defer { inbox = [] }
            return inbox
        }
    }

    private func post(_ event: Event) {
        lock.withLock {
            if case .queryFinished(let id, _, _) = event { running[id] = nil }
            inbox.append(event)
        }
    }

    private func cancelAll() {
        let all = lock.withLock { Array(running.values) }
        for token in all { token.cancel() }
    }

    /// Starts each effect on a background thread.
    func perform(_ actions: [Action]) {
        let service = self.service
        for action in actions {
            switch action {
            case .quit, .pop, .openExplore, .openDashboard, .openLook: break
            case .remember(let draft):
                work.async { try? service.remember(draft) }
            case .saveLook(let name, let draft):
                work.async { try? service.saveLook(name: name, draft: draft) }
            case .yank(let text, _):
                device?.copyToClipboard(text)
                work.async { _ = try? service.yankFallback(text) }
            case .export(let id, let draft, let path):
                let token = Cancellation()
                work.async { [self] in
                    post(.exported(id, Result { try service.export(draft, to: path, cancel: token) }.mapError(Self.userError)))
                }
            case .cancel(let id):
                let token = lock.withLock { running[id] }
                token?.cancel()
            case .run(let id, let draft):
                let token = Cancellation()
                lock.withLock { running[id] = token }
                work.async { [self] in
                    let started = Date()
                    let result = Result { try service.run(draft, cancel: token) }.mapError(Self.userError)
                    post(.queryFinished(id, result, seconds: Date().timeIntervalSince(started)))
                }
            case .runTile(let id, let element, let dashboard, let values):
                let token = Cancellation()
                lock.withLock { running[id] = token }
                work.async { [self] in
                    let started = Date()
                    let result: Result<ResultGrid, UIError>
                    do {
                        let draft = try service.query(for: element, in: dashboard, filterValues: values)
                        post(.tileQueryResolved(id, draft))
                        result = .success(try service.run(draft, cancel: token))
                    } catch {
                        result = .failure(Self.userError(error))
                    }
                    post(.queryFinished(id, result, seconds: Date().timeIntervalSince(started)))
                }
            case .compileSQL(let id, let draft):
                work.async { [self] in
                    post(.sqlCompiled(id, Result { try service.sql(for: draft) }.mapError(Self.userError)))
                }
            case .suggest(let id, let field, let explore, let prefix):
                work.async { [self] in
                    let values = (try? service.suggestions(field: field, explore: explore, prefix: prefix, limit: 20)) ?? []
                    post(.suggestions(id, values))
                }
            case .loadDashboard(let id, let name):
                work.async { [self] in
                    post(.dashboardLoaded(id, Result { try service.dashboard(named: name) }.mapError(Self.userError)))
                }
            }
        }
    }

    @Sendable static func userError(_ error: any Error) -> UIError {
        if let error = error as? UIError { return error }
        return UIError(String(describing: error))
    }

    private func installSignalHandlers() {
        let handler: @convention(c) (Int32) -> Void = { signal in pendingSignal = sig_atomic_t(signal) }
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            var action = sigaction()
            #if os(Linux)
            action.__sigaction_handler.sa_handler = handler
            #else
            action.__sigaction_u.__sa_handler = handler
            #endif
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(sig, &action, nil)
        }
    }
}
