import Foundation

/// Who is running Spyglass: the operating-system account of the effective user id. Never an
/// environment variable (anyone can set `USER=alice`).
public enum Identity {
    /// The account name of `geteuid()`, or `uid N` when the password database has no entry.
    public static func currentAccount() -> String {
        let uid = geteuid()
        guard let entry = getpwuid(uid), let name = entry.pointee.pw_name else { return "uid \(uid)" }
        return String(cString: name)
    }

    /// Whether the system knows an account of that name.
    static func accountExists(_ name: String) -> Bool {
        name.withCString { getpwnam($0) } != nil
    }
}
