/// The version `spyglass --version` prints. Raise it with each release.
enum SpyglassVersion {
    static let current = "0.1.0"
}
