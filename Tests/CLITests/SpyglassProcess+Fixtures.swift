import Foundation
import TestSupport

extension SpyglassProcess {
    /// This test target's fixture projects.
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").path
}
