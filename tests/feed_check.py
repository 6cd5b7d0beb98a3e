#!/usr/bin/python3
"""Reads a feed document with Python's feedparser, as a feed reader would.

Usage: feed_check.py FILE. Exits 1 when feedparser flags the document
(bozo) or an entry lacks an id, a title, a link or a parsed date; otherwise
prints the feed as JSON: version, title, links and every entry's id, title,
link, dates (RFC 3339, UTC), categories and content.
"""
import calendar
import json
import sys
import time

import feedparser


def iso(parsed):
    if not parsed:
        return None
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(calendar.timegm(parsed)))


def main():
    with open(sys.argv[1], "rb") as f:
        doc = feedparser.parse(f.read())
    if doc.bozo:
        print("bozo: %r" % doc.bozo_exception, file=sys.stderr)
        return 1
    problems = []
    entries = []
    for i, e in enumerate(doc.entries):
        item = {
            "id": e.get("id"),
            "title": e.get("title"),
            "link": e.get("link"),
            "updated": iso(e.get("updated_parsed")),
            "published": iso(e.get("published_parsed")),
            "categories": [t.get("term") for t in e.get("tags", [])],
            "content": (e.get("content") or [{}])[0].get("value", e.get("summary", "")),
        }
        for field in ("id", "title", "link"):
            if not item[field]:
                problems.append("entry %d has no %s" % (i, field))
        if not (item["updated"] or item["published"]):
            problems.append("entry %d has no date" % i)
        entries.append(item)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    links = {l.get("rel"): l.get("href") for l in doc.feed.get("links", [])}
    print(json.dumps({
        "version": doc.version,
        "title": doc.feed.get("title"),
        "language": doc.feed.get("language"),
        "updated": iso(doc.feed.get("updated_parsed")),
        "links": links,
        "entries": entries,
    }, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
