#!/usr/bin/python3
"""A WebSub subscriber for the end-to-end test (tests/websub_e2e_test.cpp).

Listens on 127.0.0.1 and, when it can, on [::1] with the same port, prints
"PORT <n>" once ready, and keeps every request it gets. The first path
segment of a callback says how it behaves:

  /good/...     confirms (echoes hub.challenge), takes every delivery (200)
  /badecho/...  answers the verification with something else than the challenge
  /flaky/...    confirms; answers its first delivery 500, later ones 200

GET /_log answers the requests so far as JSON: method, path, query, headers,
which listener got it, and for deliveries whether X-Hub-Signature is the
HMAC-SHA256 of the body under --secret, the feed's entry titles and its
hub and self links (read with xml.etree, as a subscriber would).
"""
import argparse
import hashlib
import hmac
import json
import socket
import sys
import threading
import xml.etree.ElementTree as ET
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

ATOM = "{http://www.w3.org/2005/Atom}"
log = []
flaky_seen = set()
lock = threading.Lock()


def feed_facts(body):
    root = ET.fromstring(body)
    if root.tag == "rss":
        channel = root.find("channel")
        titles = [i.findtext("title") for i in channel.findall("item")]
        links = {l.get("rel"): l.get("href") for l in channel.findall(ATOM + "link")}
    else:
        titles = [e.findtext(ATOM + "title") for e in root.findall(ATOM + "entry")]
        links = {l.get("rel"): l.get("href") for l in root.findall(ATOM + "link")}
    return titles, links


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def answer(self, status, body=b"", content_type="text/plain"):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def record(self, extra):
        url = urlsplit(self.path)
        entry = {
            "method": self.command,
            "path": url.path,
            "query": {k: v[0] for k, v in parse_qs(url.query, keep_blank_values=True).items()},
            "headers": {k.lower(): v for k, v in self.headers.items()},
            "listener": self.server.name,
        }
        entry.update(extra)
        with lock:
            log.append(entry)
        return entry

    def do_GET(self):
        url = urlsplit(self.path)
        if url.path == "/_log":
            with lock:
                body = json.dumps(log).encode()
            return self.answer(200, body, "application/json")
        entry = self.record({})
        challenge = entry["query"].get("hub.challenge", "")
        if url.path.startswith("/badecho/"):
            return self.answer(200, b"not-the-challenge")
        return self.answer(200, challenge.encode())

    def do_POST(self):
        url = urlsplit(self.path)
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        want = "sha256=" + hmac.new(self.server.secret, body, hashlib.sha256).hexdigest()
        signature = self.headers.get("X-Hub-Signature", "")
        try:
            titles, links = feed_facts(body)
        except ET.ParseError:
            titles, links = None, {}
        self.record({
            "signature_ok": hmac.compare_digest(signature, want),
            "signed": bool(signature),
            "titles": titles,
            "feed_links": links,
            "body_length": len(body),
        })
        if url.path.startswith("/flaky/"):
            with lock:
                first = url.path not in flaky_seen
                flaky_seen.add(url.path)
            if first:
                return self.answer(500, b"try again later")
        return self.answer(200)


class V6Server(ThreadingHTTPServer):
    address_family = socket.AF_INET6


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--secret", default="")
    args = parser.parse_args()
    servers = [ThreadingHTTPServer(("127.0.0.1", 0), Handler)]
    servers[0].name = "v4"
    port = servers[0].server_address[1]
    try:
        v6 = V6Server(("::1", port), Handler)
        v6.name = "v6"
        servers.append(v6)
    except OSError:
        pass
    for s in servers:
        s.secret = args.secret.encode()
        s.daemon_threads = True
        threading.Thread(target=s.serve_forever, daemon=True).start()
    print("PORT %d %s" % (port, "v6" if len(servers) > 1 else "v4-only"), flush=True)
    # Runs until the test closes stdin (or kills it).
    sys.stdin.read()


if __name__ == "__main__":
    main()
