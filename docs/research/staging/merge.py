#!/usr/bin/env python3
"""Merges staging files (docs/research/staging/*.jsonl, format in BRIEF.md) into data/.

Usage: python3 docs/research/staging/merge.py FILE.jsonl [...]

Idempotent: a record already in data/ (same id) is not added twice; its `sources` gain the
staged ones. A staged source whose URL is already in data/ under another id is mapped to
that id everywhere. A staged relation with the same from/kind/to as an existing one is
merged into it. Prints what it did and every decision a person should review. Keeps the
files' one-record-per-line layout (the `json.dumps(..., ensure_ascii=False)` form the files
already use).
"""
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
DATA = ROOT / "data"
FILES = ["sources", "countries", "organisations", "programmes", "projects", "relations",
         "events", "figures", "conflicts"]


def load(name):
    out = []
    for line in (DATA / f"{name}.json").read_text().splitlines():
        line = line.strip().rstrip(",")
        if line.startswith("{"):
            out.append(json.loads(line))
    return out


def save(name, records):
    body = ",\n".join("  " + json.dumps(r, ensure_ascii=False) for r in records)
    (DATA / f"{name}.json").write_text("[\n" + body + "\n]\n")


def key(name):
    return "code" if name == "countries" else "id"


def main(paths):
    data = {n: load(n) for n in FILES}
    index = {n: {r[key(n)]: r for r in data[n]} for n in FILES}
    url_to_source = {r.get("url"): r["id"] for r in data["sources"] if r.get("url")}
    rename = {}
    staged = []
    for p in paths:
        for i, line in enumerate(Path(p).read_text().splitlines(), 1):
            line = line.strip()
            if line:
                try:
                    staged.append((p, i, json.loads(line)))
                except json.JSONDecodeError as e:
                    print(f"REVIEW {p}:{i}: not JSON ({e})")

    # Sources first, so that references can be rewritten.
    for p, i, o in staged:
        if o.get("section") != "sources":
            continue
        r = o["record"]
        url = r.get("url")
        if r["id"] in index["sources"]:
            same = index["sources"][r["id"]].get("url") == url
            if not same:
                print(f"REVIEW {p}:{i}: source id {r['id']} exists with another URL; staged one renamed")
                new = r["id"] + "-2"
                rename[r["id"]] = new
                r = dict(r, id=new)
            else:
                continue
        if url and url in url_to_source and url_to_source[url] != r["id"]:
            rename[r["id"]] = url_to_source[url]
            continue
        data["sources"].append(r)
        index["sources"][r["id"]] = r
        if url:
            url_to_source[url] = r["id"]

    def fix_sources(ids):
        out = []
        for s in ids:
            s = rename.get(s, s)
            if s not in out:
                out.append(s)
        return out

    def fix(record):
        for field in ("sources",):
            if field in record:
                record[field] = fix_sources(record[field])
        for c in record.get("countries", []) or []:
            if isinstance(c, dict) and "sources" in c:
                c["sources"] = fix_sources(c["sources"])
        for c in record.get("claims", []) or []:
            c["sources"] = fix_sources(c["sources"])
        if "statement" in record:
            record["statement"]["source"] = rename.get(record["statement"]["source"],
                                                       record["statement"]["source"])
        return record

    triples = {(r["from"], r["kind"], r["to"]): r for r in data["relations"]}
    counts = {}
    for p, i, o in staged:
        section = o.get("section")
        if section in ("sources", "verification", None):
            continue
        if section == "update":
            name, rid, changes = o["file"], o["id"], fix(dict(o["set"]))
            target = index.get(name, {}).get(rid)
            if target is None:
                print(f"REVIEW {p}:{i}: update of unknown {name} {rid}")
                continue
            for k, v in changes.items():
                if k == "sources":
                    v = fix_sources(list(v))
                target[k] = v
            counts["updates"] = counts.get("updates", 0) + 1
            continue
        if section not in FILES:
            print(f"REVIEW {p}:{i}: unknown section {section}")
            continue
        r = fix(o["record"])
        k = r[key(section)]
        if section == "relations":
            t = (r["from"], r["kind"], r["to"])
            if t in triples and triples[t]["id"] != r["id"]:
                old = triples[t]
                old["sources"] = fix_sources(old["sources"] + r["sources"])
                print(f"merged {r['id']} into {old['id']} ({' '.join(t)})")
                continue
        if k in index[section]:
            old = index[section][k]
            if "sources" in old and "sources" in r:
                old["sources"] = fix_sources(old["sources"] + r["sources"])
            if section == "organisations":
                for f in ("name", "city", "country", "kind"):
                    if old.get(f) != r.get(f):
                        print(f"REVIEW {p}:{i}: organisation {k} {f}: kept {old.get(f)!r}, staged {r.get(f)!r}")
            continue
        data[section].append(r)
        index[section][k] = r
        if section == "relations":
            triples[(r["from"], r["kind"], r["to"])] = r
        counts[section] = counts.get(section, 0) + 1
    for n in FILES:
        save(n, data[n])
    print("added:", counts, "| sources renamed to existing:", len(rename))


if __name__ == "__main__":
    main(sys.argv[1:])
