#!/usr/bin/env python3
"""Checks recorded HTTP exchanges against the OpenAPI document.

Runs the given end-to-end test executables with SAMRAD_CONTRACT_LOG set, so
that tests/support/test_server.cpp appends every request and response to a
JSON-lines file, fetches /api/v1/openapi.json from a fresh `samrad serve`,
and checks each exchange: the path and method are an operation of the
document (or the answer is 404/405), the status is one it documents, the
Content-Type is one it names for that status, and a JSON body validates
against the schema given there. Exits non-zero naming every mismatch.

  check_contract.py --samrad build/samrad [--log FILE] TEST_EXE...
  check_contract.py --samrad build/samrad --log FILE --no-run   (check a log only)
"""
import argparse
import collections
import json
import os
import re
import subprocess
import sys
import tempfile
import urllib.request

import jsonschema

try:  # jsonschema 4.18 and later
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012
except ImportError:  # Debian bookworm's 4.10
    Registry = None

DOC_URI = "urn:samrad:openapi"
JSON_TYPE = re.compile(r"^application/([a-z0-9.+-]+\+)?json$")


def fetch_document(samrad):
    with tempfile.TemporaryDirectory(prefix="samrad-contract-") as data:
        proc = subprocess.Popen([samrad, "serve", "--data", data + "/data", "--port", "0", "--threads", "1"],
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        try:
            line = proc.stdout.readline()
            port = int(line.rsplit(":", 1)[1])
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/openapi.json", timeout=30) as r:
                return json.load(r)
        finally:
            proc.terminate()
            proc.wait()


def pointer_escape(s):
    return s.replace("~", "~0").replace("/", "~1")


class Contract:
    def __init__(self, doc):
        self.doc = doc
        if Registry is not None:
            resource = Resource.from_contents(doc, default_specification=DRAFT202012)
            self.refs = {"registry": Registry().with_resource(DOC_URI, resource)}
        else:
            self.refs = {"resolver": jsonschema.RefResolver(DOC_URI, doc, store={DOC_URI: doc})}
        self.validators = {}
        self.templates = []
        for path in doc["paths"]:
            regex = "^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(path)) + "$"
            self.templates.append((path.count("{"), path, re.compile(regex)))
        self.templates.sort()

    def match(self, path):
        for _, template, regex in self.templates:
            if regex.match(path):
                return template
        return None

    def resolve(self, obj, pointer):
        """Follows a local $ref; returns (object, its JSON pointer)."""
        while isinstance(obj, dict) and "$ref" in obj and obj["$ref"].startswith("#/"):
            pointer = obj["$ref"][1:]
            obj = self.doc
            for part in pointer.split("/")[1:]:
                obj = obj[part.replace("~1", "/").replace("~0", "~")]
        return obj, pointer

    def validator(self, pointer):
        if pointer not in self.validators:
            self.validators[pointer] = jsonschema.Draft202012Validator(
                {"$ref": DOC_URI + "#" + pointer}, **self.refs)
        return self.validators[pointer]

    def check(self, x):
        """Returns (operation name, list of problems) for one exchange."""
        method = x["method"].lower()
        path = x["path"].split("?", 1)[0]
        status = str(x["status"])
        template = self.match(path)
        if template is None:
            return f"(no path) {x['method']}", [] if status == "404" else [f"{path} is not in the document but answered {status}"]
        item = self.doc["paths"][template]
        op_method = "get" if method == "head" and "head" not in item else method
        if op_method not in item:
            name = f"{x['method']} {template}"
            return name, [] if status in ("404", "405") else [f"method not documented, answered {status}"]
        op = item[op_method]
        name = f"{op.get('operationId', '?')} ({x['method']} {template})"
        responses = op.get("responses", {})
        key = status if status in responses else status[0] + "XX" if status[0] + "XX" in responses else "default"
        if key not in responses:
            return name, [f"status {status} not documented (documented: {', '.join(sorted(responses))})"]
        base = "/paths/" + pointer_escape(template) + "/" + op_method + "/responses/" + key
        response, pointer = self.resolve(responses[key], base)
        body = x.get("body", "")
        if status in ("204", "304") or method == "head":
            return name, [f"{status} with a body"] if body and method != "head" else []
        content = response.get("content")
        if not content:
            return name, []
        media = x.get("content_type", "").split(";", 1)[0].strip().lower()
        if media not in content:
            wild = [m for m in content if m.endswith("/*") and media.startswith(m[:-1])] + (["*/*"] if "*/*" in content else [])
            if not wild:
                return name, [f"{status} answered as '{media}', documented: {', '.join(content)}"]
            media = wild[0]
        schema = content[media].get("schema")
        if schema is None or not JSON_TYPE.match(media) or x.get("body_truncated"):
            return name, []
        try:
            value = json.loads(body)
        except ValueError:
            return name, [f"{status} body is not JSON"]
        _, schema_pointer = self.resolve(schema, pointer + "/content/" + pointer_escape(media) + "/schema")
        errors = sorted(self.validator(schema_pointer).iter_errors(value), key=lambda e: list(e.absolute_path))
        return name, [f"{status} body at /{'/'.join(map(str, e.absolute_path))}: {e.message[:200]}" for e in errors[:3]]


def run_tests(executables, log):
    env = dict(os.environ, SAMRAD_CONTRACT_LOG=log)
    failed = []
    for exe in executables:
        r = subprocess.run([exe], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if r.returncode != 0:
            failed.append(os.path.basename(exe))
            sys.stderr.write(r.stderr[-2000:])
    return failed


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--samrad", required=True)
    ap.add_argument("--log")
    ap.add_argument("--no-run", action="store_true")
    ap.add_argument("tests", nargs="*")
    a = ap.parse_args()
    log = a.log or os.path.join(tempfile.gettempdir(), f"samrad-contract-{os.getpid()}.jsonl")
    failed = []
    if not a.no_run:
        if os.path.exists(log):
            os.remove(log)
        failed = run_tests(a.tests, log)
    contract = Contract(fetch_document(a.samrad))
    seen = collections.Counter()
    problems = collections.defaultdict(collections.Counter)
    examples = {}
    with open(log, encoding="utf-8") as f:
        for line in f:
            x = json.loads(line)
            name, found = contract.check(x)
            seen[name] += 1
            for p in found:
                problems[name][p] += 1
                examples.setdefault((name, p), x["method"] + " " + x["path"][:120])
    operations = {f"{op.get('operationId', '?')} ({m.upper()} {p})" for p, item in contract.doc["paths"].items()
                  for m, op in item.items() if isinstance(op, dict) and "responses" in op}
    covered = operations & set(seen)
    print(f"{sum(seen.values())} exchanges, {len(covered)} of {len(operations)} operations exercised")
    for name, found in sorted(problems.items()):
        for p, n in found.most_common():
            print(f"MISMATCH {name}: {p} [{n}x, e.g. {examples[(name, p)]}]")
    if failed:
        print("note: these test executables failed (their exchanges were still checked): " + ", ".join(failed))
    if not a.log and not a.no_run:
        os.remove(log)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
