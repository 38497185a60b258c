/// Removes passwords from connection strings and from messages that might echo them.
enum Redactor {
    /// Replaces the password in `scheme://user:PASSWORD@host` and in `password=VALUE` with `***`.
    ///
    /// Everything after the user name up to the *last* '@' is hidden: a password may hold '/', '?', '#'
    /// or '@' unencoded (libpq then misreads the URL, and `PostgresConninfo` refuses it, but the text
    /// may still be shown), so no guess about where the password ends may be trusted. At worst this
    /// hides a host too.
    static func redact(_ text: String) -> String {
        var result = text
        if let schemeEnd = result.firstRange(of: "://") {
            let rest = result[schemeEnd.upperBound...]
            if let at = rest.lastIndex(of: "@"), let colon = rest[..<at].firstIndex(of: ":") {
                result.replaceSubrange(result.index(after: colon)..<at, with: "***")
            }
        }
        guard result.lowercased().contains("password") else { return result }
        return redactKeywords(result)
    }

    /// `password=secret`, `password = 'se cret'` (keyword strings) and `?password=secret&…` (URI
    /// query parameters) → `password=***`.
    private static func redactKeywords(_ text: String) -> String {
        let chars = Array(text)
        let lower = Array(text.lowercased())
        guard lower.count == chars.count else { return "***" }  // exotic case folding: hide it all
        let key = Array("password")
        var out: [Character] = []
        out.reserveCapacity(chars.count)
        var i = 0
        while i < chars.count {
            if i + key.count <= chars.count, lower[i..<(i + key.count)].elementsEqual(key) {
                var j = i + key.count
                while j < chars.count, chars[j] == " " { j += 1 }
                if j < chars.count, chars[j] == "=" {
                    j += 1
                    while j < chars.count, chars[j] == " " { j += 1 }
                    out.append(contentsOf: chars[i..<j])
                    out.append(contentsOf: "***")
                    if j < chars.count, chars[j] == "'" {
                        j += 1
                        while j < chars.count, chars[j] != "'" { j += chars[j] == "\\" ? 2 : 1 }
                        j += 1
                    } else {
                        while j < chars.count, chars[j] != " ", chars[j] != "&" { j += 1 }
                    }
                    i = min(j, chars.count)
                    continue
                }
            }
            out.append(chars[i])
            i += 1
        }
        return String(out)
    }

    /// Replaces each non-empty secret occurring in `message` with `***`.
    static func scrub(_ message: String, secrets: [String]) -> String {
        var result = message
        for secret in secrets where !secret.isEmpty && result.contains(secret) {
            result = result.replacing(secret, with: "***")
        }
        return result
    }
}
