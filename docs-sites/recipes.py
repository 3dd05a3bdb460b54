#!/usr/bin/env python3
"""Copies the README's docs-site recipes out, word for word, for `make docs-sites`.

    recipes.py README.md OUTDIR

A recipe block is a fenced code block right after a comment line `<!-- docs-sites: PATH -->`
(invisible on GitHub); its text is written to OUTDIR/PATH. A marker without a block after it,
or a PATH written twice, is an error: a README edited out of shape fails the build.
"""
import os
import re
import sys

MARKER = re.compile(r"^<!-- docs-sites: (\S+) -->$")
FENCE = re.compile(r"^(`{3,}|~{3,})")


def blocks(lines):
    index = 0
    while index < len(lines):
        marker = MARKER.match(lines[index])
        index += 1
        if not marker:
            continue
        path, line = marker.group(1), index
        if index >= len(lines) or not FENCE.match(lines[index]):
            raise SystemExit(f"README.md:{line}: docs-sites: `{path}` is not followed by a fenced code block")
        fence = FENCE.match(lines[index]).group(1)
        index += 1
        body = []
        while index < len(lines) and not lines[index].startswith(fence):
            body.append(lines[index])
            index += 1
        if index >= len(lines):
            raise SystemExit(f"README.md:{line}: docs-sites: the block of `{path}` is not closed")
        index += 1
        yield path, "".join(line + "\n" for line in body)


def main(readme, out):
    with open(readme, encoding="utf-8") as f:
        lines = f.read().split("\n")
    written = []
    for path, text in blocks(lines):
        if path in written or path.startswith("/") or ".." in path.split("/"):
            raise SystemExit(f"{readme}: docs-sites: `{path}` written twice or outside the sites")
        target = os.path.join(out, path)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "w", encoding="utf-8") as f:
            f.write(text)
        written.append(path)
    print(f"recipes: {len(written)} blocks from {readme}: {', '.join(written)}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    main(sys.argv[1], sys.argv[2])
