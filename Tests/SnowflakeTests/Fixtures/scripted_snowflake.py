"""A scripted stand-in for Snowflake's REST endpoints, for the parts fakesnow does not exercise:
result chunks (Arrow and gzip'd JSON) fetched with their headers, "query in progress" polling
(333333/333334), abort-request, key-pair JWT verification, login and SQL error codes, a dropped
connection mid-chunk. Responses follow the shapes the official drivers read. Every request is
appended to the log file as one JSON line (method, path, headers, body), for the tests to check.

usage: python scripted_snowflake.py PORT LOGFILE PUBLIC_KEY_PEM   (PORT 0: any free port, printed)
The SQL text picks the scenario (see query()). Only loopback; stops when stdin closes."""
import base64, gzip, json, sys, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt
import pyarrow as pa

PORT, LOG, PUBLIC_KEY = int(sys.argv[1]), sys.argv[2], open(sys.argv[3]).read()
lock = threading.Lock()
polls = {}

def arrow_stream(start, count):
    ids = pa.array(range(start, start + count), type=pa.int64())
    names = pa.array([None if i % 10 == 0 else f"n{i}" for i in range(start, start + count)])
    fixed = {"logicalType": "FIXED", "precision": "38", "scale": "0"}
    schema = pa.schema([pa.field("ID", pa.int64(), metadata=fixed), pa.field("NAME", pa.string(), metadata={"logicalType": "TEXT"})])
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, schema) as w:
        w.write_table(pa.table([ids, names], schema=schema), max_chunksize=250)
    return sink.getvalue().to_pybytes()

ROWTYPE = [{"name": "ID", "type": "fixed", "scale": 0, "precision": 38}, {"name": "NAME", "type": "text"}]

class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, status, body, headers=None):
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        for k, v in (headers or {"Content-Type": "application/json"}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def record(self, body):
        with lock, open(LOG, "a") as f:
            f.write(json.dumps({"method": self.command, "path": self.path, "headers": {k.lower(): v for k, v in self.headers.items()},
                                "body": body}) + "\n")

    def do_GET(self):
        self.record(None)
        path = self.path
        if path.startswith("/chunk/"):
            return self.chunk(path)
        if path.startswith("/queries/") and path.endswith("/result"):
            qid = path.split("/")[2]
            with lock:
                polls[qid] = polls.get(qid, 0) + 1
                n = polls[qid]
            if n < 3:
                return self.reply(200, {"success": True, "code": "333334", "message": "still running",
                                        "data": {"queryId": qid, "getResultUrl": path}})
            return self.reply(200, {"success": True, "data": {"rowtype": ROWTYPE, "queryResultFormat": "json",
                                                              "rowset": [["7", "after polling"]], "total": 1, "queryId": qid}})
        self.reply(404, {"success": False})

    def chunk(self, path):
        kind, index = path.split("/")[2], int(path.split("/")[3])
        if kind == "arrow":
            if self.headers.get("x-test-chunk-key") != "secret-chunk-key":
                return self.reply(403, b"<Error>AccessDenied</Error>", {"Content-Type": "application/xml"})
            return self.reply(200, arrow_stream(10 + (index - 1) * 1000, 1000), {"Content-Type": "application/octet-stream"})
        if kind == "json":
            if self.headers.get("x-amz-server-side-encryption-customer-key") != "qrmk-value":
                return self.reply(403, b"<Error>AccessDenied</Error>", {"Content-Type": "application/xml"})
            rows = ",".join(json.dumps([str(i), None if i % 10 == 0 else f"n{i}"]) for i in range(2 + (index - 1) * 500, 2 + index * 500))
            return self.reply(200, gzip.compress(rows.encode()), {"Content-Type": "application/json", "Content-Encoding": "gzip"})
        if kind == "expired":
            return self.reply(403, b"<Error>Request has expired</Error>", {"Content-Type": "application/xml"})
        if kind == "drop":
            self.send_response(200)
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self.wfile.write(arrow_stream(0, 1000)[:500])
            self.wfile.flush()
            self.connection.shutdown(2)
            return

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        body = json.loads(raw) if raw else None
        self.record(body)
        path = self.path.split("?")[0]
        if path == "/session/v1/login-request":
            return self.login(body["data"])
        if path in ("/session", "/session/heartbeat", "/queries/v1/abort-request"):
            return self.reply(200, {"success": True, "data": None})
        if path == "/queries/v1/query-request":
            if not self.headers.get("Authorization", "").startswith('Snowflake Token="tok-'):
                return self.reply(401, {"success": False, "code": "390104", "message": "User must login again"})
            return self.query(body["sqlText"])
        self.reply(404, {"success": False})

    def login(self, data):
        user = data["LOGIN_NAME"]
        if data.get("AUTHENTICATOR") == "SNOWFLAKE_JWT":
            try:
                claims = jwt.decode(data["TOKEN"], PUBLIC_KEY, algorithms=["RS256"])
            except Exception as e:
                return self.reply(200, {"success": False, "code": "390144", "message": "JWT token is invalid.", "data": None})
            if claims["sub"] != f"{data['ACCOUNT_NAME']}.{user.upper()}":
                return self.reply(200, {"success": False, "code": "390144", "message": "JWT token is invalid.", "data": None})
        elif data.get("PASSWORD") != "right":
            return self.reply(200, {"success": False, "code": "390100",
                                    "message": "Incorrect username or password was specified.", "data": None})
        if user == "norole":
            return self.reply(200, {"success": False, "code": "390189",
                                    "message": "Role 'NOPE' specified in the connect string does not exist or not authorized. Contact your local system administrator, or attempt to login with another role, e.g. PUBLIC.", "data": None})
        self.reply(200, {"success": True, "data": {"token": "tok-" + user, "masterToken": "master",
                                                    "parameters": [{"name": "CLIENT_SESSION_KEEP_ALIVE_HEARTBEAT_FREQUENCY", "value": 3600}]}})

    def query(self, sql):
        base = f"http://127.0.0.1:{PORT}"
        if sql == "arrow chunks":
            return self.reply(200, {"success": True, "data": {
                "rowtype": ROWTYPE, "queryResultFormat": "arrow", "rowsetBase64": base64.b64encode(arrow_stream(0, 10)).decode(),
                "chunks": [{"url": f"{base}/chunk/arrow/{i}", "rowCount": 1000, "uncompressedSize": 1, "compressedSize": 1} for i in (1, 2, 3)],
                "chunkHeaders": {"x-test-chunk-key": "secret-chunk-key"}, "total": 3010, "queryId": "q-arrow"}})
        if sql == "json chunks":
            return self.reply(200, {"success": True, "data": {
                "rowtype": ROWTYPE, "queryResultFormat": "json", "rowset": [["0", None], ["1", "n1"]],
                "chunks": [{"url": f"{base}/chunk/json/{i}", "rowCount": 500} for i in (1, 2)], "qrmk": "qrmk-value",
                "total": 1002, "queryId": "q-json"}})
        if sql in ("expired chunk", "dropped chunk"):
            kind = "expired" if sql == "expired chunk" else "drop"
            return self.reply(200, {"success": True, "data": {
                "rowtype": ROWTYPE, "queryResultFormat": "arrow", "rowsetBase64": "",
                "chunks": [{"url": f"{base}/chunk/{kind}/1", "rowCount": 1000}], "queryId": "q-" + kind}})
        if sql == "long query":
            return self.reply(200, {"success": True, "code": "333333", "message": "running",
                                    "data": {"queryId": "q-long", "getResultUrl": "/queries/q-long/result"}})
        if sql == "never answers":
            time.sleep(20)
            return self.reply(200, {"success": True, "data": {"rowtype": [], "rowset": []}})
        if sql == "timeout":
            return self.reply(200, {"success": False, "code": "000630", "message": "Statement reached its statement or warehouse timeout of 1 second(s) and was canceled.",
                                    "data": {"sqlState": "57014", "queryId": "q-t"}})
        if sql == "no warehouse":
            return self.reply(200, {"success": False, "code": "000606", "message": "No active warehouse selected in the current session.  Select an active warehouse with the 'use warehouse' command.\n",
                                    "data": {"sqlState": "57P03", "queryId": "q-w"}})
        return self.reply(200, {"success": False, "code": "002003",
                                "message": "SQL compilation error:\nObject 'NOPE' does not exist or not authorized.",
                                "data": {"sqlState": "42S02", "queryId": "q-e"}})

server = ThreadingHTTPServer(("127.0.0.1", PORT), Handler)
PORT = server.server_address[1]
threading.Thread(target=server.serve_forever, daemon=True).start()
print(f"ready {PORT}", flush=True)
sys.stdin.read()
