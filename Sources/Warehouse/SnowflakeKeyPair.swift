import Crypto
import Foundation
import _CryptoExtras

/// Key-pair authentication: the user's RSA private key (PEM: PKCS#8, PKCS#1, or PKCS#8 encrypted
/// with PBES2/PBKDF2/AES-CBC as `openssl pkcs8 -topk8 -v2 aes256` writes it) and the RS256 JWT that
/// Snowflake's login-request takes with `AUTHENTICATOR: SNOWFLAKE_JWT`.
struct SnowflakeKeyPair: Sendable {
    let privateKey: _RSA.Signing.PrivateKey

    /// `SHA256:` + base64 of the SHA-256 of the public key's DER SubjectPublicKeyInfo: the
    /// fingerprint Snowflake shows as RSA_PUBLIC_KEY_FP and expects in the JWT issuer.
    var publicKeyFingerprint: String {
        "SHA256:" + Data(SHA256.hash(data: privateKey.publicKey.derRepresentation)).base64EncodedString()
    }

    init(pem: String, passphrase: String?, path: String) throws {
        func fail(_ why: String) -> WarehouseError { .cannotConnect("cannot use the Snowflake private key \(path): \(why)") }
        if pem.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----") {
            guard let passphrase, !passphrase.isEmpty else {
                throw fail("it is encrypted; set SNOWFLAKE_PRIVATE_KEY_PASSPHRASE to its passphrase")
            }
            let der = try Self.pemBody(pem, label: "ENCRYPTED PRIVATE KEY").orThrow(fail("its PEM text is malformed"))
            let plain = try Self.decryptPKCS8(der, passphrase: passphrase, fail: fail)
            do {
                privateKey = try _RSA.Signing.PrivateKey(derRepresentation: plain)
            } catch {
                throw fail("it is not an RSA key")
            }
        } else if pem.contains("-----BEGIN PRIVATE KEY-----") || pem.contains("-----BEGIN RSA PRIVATE KEY-----") {
            do {
                privateKey = try _RSA.Signing.PrivateKey(pemRepresentation: pem)
            } catch {
                throw fail("it is not a readable RSA private key (2048 bits or more)")
            }
        } else {
            throw fail("it holds no PEM private key (-----BEGIN PRIVATE KEY----- or -----BEGIN ENCRYPTED PRIVATE KEY-----)")
        }
    }

    /// Reads the key file named by the URL.
    static func load(path: String, passphrase: String?) throws -> SnowflakeKeyPair {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw WarehouseError.cannotConnect("cannot read the Snowflake private key file \(path)")
        }
        return try SnowflakeKeyPair(pem: String(decoding: data, as: UTF8.self), passphrase: passphrase, path: path)
    }

    /// The JWT for `account` and `user`, issued at `issuedAt` (seconds since the epoch) and valid for
    /// `lifetime` seconds (Snowflake accepts at most one hour).
    func jwt(account: String, user: String, issuedAt: Int, lifetime: Int = 3540) throws -> String {
        let subject = "\(Self.accountForJWT(account)).\(user.uppercased())"
        let header = #"{"alg":"RS256","typ":"JWT"}"#
        let payload = #"{"iss":"\#(Self.jsonEscape(subject + "." + publicKeyFingerprint))","sub":"\#(Self.jsonEscape(subject))","iat":\#(issuedAt),"exp":\#(issuedAt + lifetime)}"#
        let signingInput = Self.base64URL(Data(header.utf8)) + "." + Self.base64URL(Data(payload.utf8))
        let signature = try privateKey.signature(for: SHA256.hash(data: Data(signingInput.utf8)), padding: .insecurePKCS1v1_5)
        return signingInput + "." + Self.base64URL(signature.rawRepresentation)
    }

    /// The account part of the issuer: upper case, without a region or cloud suffix
    /// (`xy12345.us-east-1` → `XY12345`); org-account names (`myorg-acct`) stay whole.
    static func accountForJWT(_ account: String) -> String {
        let upper = account.uppercased()
        return String(upper.split(separator: ".").first ?? Substring(upper))
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func jsonEscape(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func pemBody(_ pem: String, label: String) -> Data? {
        guard let start = pem.range(of: "-----BEGIN \(label)-----"), let end = pem.range(of: "-----END \(label)-----"),
              start.upperBound <= end.lowerBound else { return nil }
        let base64 = pem[start.upperBound..<end.lowerBound].filter { !$0.isWhitespace }
        return Data(base64Encoded: String(base64))
    }

    // MARK: PKCS#8 EncryptedPrivateKeyInfo (PBES2)

    private static let pbes2 = "1.2.840.113549.1.5.13"
    private static let pbkdf2 = "1.2.840.113549.1.5.12"
    private static let prfs: [String: KDF.Insecure.PBKDF2.HashFunction] = [
        "1.2.840.113549.2.7": .insecureSHA1, "1.2.840.113549.2.9": .sha256, "1.2.840.113549.2.10": .sha384,
        "1.2.840.113549.2.11": .sha512,
    ]
    private static let ciphers: [String: Int] = [
        "2.16.840.1.101.3.4.1.2": 16, "2.16.840.1.101.3.4.1.22": 24, "2.16.840.1.101.3.4.1.42": 32,
    ]

    static func decryptPKCS8(_ der: Data, passphrase: String, fail: (String) -> WarehouseError) throws -> Data {
        let unsupported = fail("its encryption is not PBES2 with PBKDF2 and AES-CBC (re-encrypt it with openssl pkcs8 -topk8 -v2 aes256)")
        var top = DER(Array(der))
        guard let info = top.next(), info.tag == 0x30 else { throw fail("it is not a PKCS#8 encrypted key") }
        var outer = DER(info.content)
        guard let algorithm = outer.next(), algorithm.tag == 0x30, let encrypted = outer.next(), encrypted.tag == 0x04 else {
            throw fail("it is not a PKCS#8 encrypted key")
        }
        var alg = DER(algorithm.content)
        guard let oid = alg.next(), oid.oid == pbes2, let params = alg.next(), params.tag == 0x30 else { throw unsupported }
        var p = DER(params.content)
        guard let kdf = p.next(), let scheme = p.next() else { throw unsupported }
        var k = DER(kdf.content)
        guard let kdfOID = k.next(), kdfOID.oid == pbkdf2, let kdfParams = k.next() else { throw unsupported }
        var kp = DER(kdfParams.content)
        guard let salt = kp.next(), salt.tag == 0x04, let iterations = kp.next(), iterations.tag == 0x02,
              let rounds = iterations.integer, rounds > 0 else { throw unsupported }
        var prf = KDF.Insecure.PBKDF2.HashFunction.insecureSHA1
        while let element = kp.next() {
            if element.tag == 0x30 {
                var a = DER(element.content)
                guard let prfOID = a.next()?.oid, let chosen = prfs[prfOID] else { throw unsupported }
                prf = chosen
            }
        }
        var s = DER(scheme.content)
        guard let cipherOID = s.next()?.oid, let keyLength = ciphers[cipherOID], let iv = s.next(), iv.tag == 0x04,
              iv.content.count == 16 else { throw unsupported }
        do {
            let key = try KDF.Insecure.PBKDF2.deriveKey(from: Array(passphrase.utf8), salt: salt.content, using: prf,
                                                         outputByteCount: keyLength, unsafeUncheckedRounds: rounds)
            return try AES._CBC.decrypt(encrypted.content, using: key, iv: try AES._CBC.IV(ivBytes: iv.content))
        } catch {
            throw fail("it cannot be decrypted; check SNOWFLAKE_PRIVATE_KEY_PASSPHRASE")
        }
    }

    /// A minimal DER reader: enough for EncryptedPrivateKeyInfo.
    struct DER {
        struct Element {
            var tag: UInt8
            var content: [UInt8]

            var integer: Int? {
                guard tag == 0x02, !content.isEmpty, content.count <= 8 else { return nil }
                return content.reduce(0) { $0 << 8 | Int($1) }
            }

            var oid: String? {
                guard tag == 0x06, let first = content.first else { return nil }
                var parts = [Int(first) / 40, Int(first) % 40]
                var value = 0
                for byte in content.dropFirst() {
                    value = value << 7 | Int(byte & 0x7F)
                    if byte & 0x80 == 0 {
                        parts.append(value)
                        value = 0
                    }
                }
                return parts.map(String.init).joined(separator: ".")
            }
        }

        private let bytes: [UInt8]
        private var position = 0

        init(_ bytes: [UInt8]) {
            self.bytes = bytes
        }

        mutating func next() -> Element? {
            guard position + 2 <= bytes.count else { return nil }
            let tag = bytes[position]
            var length = Int(bytes[position + 1])
            position += 2
            if length & 0x80 != 0 {
                let count = length & 0x7F
                guard count >= 1, count <= 4, position + count <= bytes.count else { return nil }
                length = 0
                for _ in 0..<count {
                    length = length << 8 | Int(bytes[position])
                    position += 1
                }
            }
            guard length >= 0, position + length <= bytes.count else { return nil }
            let content = Array(bytes[position..<(position + length)])
            position += length
            return Element(tag: tag, content: content)
        }
    }
}

extension Optional {
    func orThrow(_ error: @autoclosure () -> some Error) throws -> Wrapped {
        guard let self else { throw error() }
        return self
    }
}
