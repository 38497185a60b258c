"""Makes the key-pair login vector the JWT tests check against: a throwaway RSA key (test only), the
same key encrypted as PKCS#8 (PBES2, passphrase "spyglass-test"), its Snowflake fingerprint, and the
RS256 JWT pyjwt signs for it at a fixed time. Offline; run with the CI venv's python (pyjwt, cryptography).
Re-running makes a NEW key: commit all outputs together."""
import base64, hashlib, json
import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
encrypted = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                              serialization.BestAvailableEncryption(b"spyglass-test"))
spki = key.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
fingerprint = "SHA256:" + base64.b64encode(hashlib.sha256(spki).digest()).decode()
account, user, iat = "XY12345", "ANALYST", 1767225600
payload = {"iss": f"{account}.{user}.{fingerprint}", "sub": f"{account}.{user}", "iat": iat, "exp": iat + 3540}
token = jwt.encode(payload, pem, algorithm="RS256", headers={"typ": "JWT"})
open("jwt_key.p8", "wb").write(pem)
open("jwt_key_encrypted.p8", "wb").write(encrypted)
json.dump({"account": "xy12345.us-east-1", "user": "analyst", "iat": iat, "fingerprint": fingerprint,
           "payload": payload, "jwt": token}, open("jwt_vector.json", "w"), indent=2)
print(token)
