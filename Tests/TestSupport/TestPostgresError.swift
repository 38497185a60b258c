/// A clear one-line reason the test cluster is unavailable; tests fail with it rather than skip.
struct TestPostgresError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
