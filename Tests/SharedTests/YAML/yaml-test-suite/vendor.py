#!/usr/bin/env python3
"""Regenerates cases.json from the yaml-test-suite's data release (MIT, see License).

    python3 vendor.py /path/to/yaml-test-suite.git [ref]      # ref defaults to data-2022-01-17

Each case is one object: id (directory, with /NN for sub-cases), name, yaml (in.yaml),
events (test.event), error (true when the suite expects a parse error) and json (the list of
documents of in.json, or null when the suite gives none). Facts carry over, code does not.
"""
import json
import subprocess
import sys

repo = sys.argv[1]
ref = sys.argv[2] if len(sys.argv) > 2 else "data-2022-01-17"


def git(*args):
    return subprocess.run(["git", "--git-dir", repo, *args], check=True, capture_output=True).stdout


def documents(text):
    decoder, docs, i = json.JSONDecoder(), [], 0
    while True:
        while i < len(text) and text[i].isspace():
            i += 1
        if i == len(text):
            return docs
        value, i = decoder.raw_decode(text, i)
        docs.append(value)


files = {}
for path in git("ls-tree", "-r", "--name-only", ref).decode().splitlines():
    if path.startswith(("name/", "tags/")):
        continue
    directory, _, name = path.rpartition("/")
    files.setdefault(directory, set()).add(name)

cases = []
for directory in sorted(files):
    names = files[directory]
    if "in.yaml" not in names:
        continue
    read = lambda name: git("show", f"{ref}:{directory}/{name}").decode("utf-8")
    title_dir = directory.split("/")[0]
    title = read("===").strip() if "===" in names else git("show", f"{ref}:{title_dir}/===").decode().strip()
    cases.append({
        "id": directory,
        "name": title,
        "yaml": read("in.yaml"),
        "events": read("test.event"),
        "error": "error" in names,
        "json": documents(read("in.json")) if "in.json" in names else None,
    })

with open("cases.json", "w", encoding="utf-8") as out:
    json.dump(cases, out, ensure_ascii=False, indent=0)
    out.write("\n")
print(f"{len(cases)} cases from {ref}")
