#!/usr/bin/env python3
"""Link checks for `make docs-sites`: every relative href and src of a built site, every #id.

    linkcheck.py site DIR          every .html under DIR: each relative href/src names a file of
                                   the site (a directory means its index.html), each #fragment an
                                   id of the target page, and no page repeats an id
    linkcheck.py gfm DIR           every .md in DIR rendered by cmark-gfm as GitHub does, each
                                   link resolved under GitHub's rules (see `github_ids`)
    linkcheck.py ids FILE...       the files' HTML joined as one page (fragments embedded
                                   together) repeats no id

Exits 1 listing every problem, 0 with a one-line summary. Standard library only.
"""
import html.parser
import os
import re
import subprocess
import sys
import unicodedata
import urllib.parse

EXTERNAL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)")


class Page(html.parser.HTMLParser):
    """The ids, links and headings of one HTML page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids = []          # every id= and <a name=>, in order (repeats kept)
        self.links = []        # (attribute, value, line)
        self.headings = []     # the text of each h1-h6, for GitHub's heading anchors
        self._heading = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.append(attrs["id"])
        if tag == "a" and attrs.get("name"):
            self.ids.append(attrs["name"])
        for attribute in ("href", "src"):
            if attrs.get(attribute) is not None:
                self.links.append((attribute, attrs[attribute], self.getpos()[0]))
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = []

    def handle_endtag(self, tag):
        if re.fullmatch(r"h[1-6]", tag) and self._heading is not None:
            self.headings.append("".join(self._heading))
            self._heading = None

    def handle_data(self, data):
        if self._heading is not None:
            self._heading.append(data)


def parse(text):
    page = Page()
    page.feed(text)
    page.close()
    return page


def repeated(ids):
    seen, twice = set(), []
    for i in ids:
        if i in seen and i not in twice:
            twice.append(i)
        seen.add(i)
    return twice


def check_site(root):
    root = os.path.abspath(root)
    pages = {}
    for directory, _, files in os.walk(root):
        for name in files:
            if name.endswith(".html"):
                path = os.path.join(directory, name)
                with open(path, encoding="utf-8") as f:
                    pages[path] = parse(f.read())
    problems, count = [], 0
    for path, page in sorted(pages.items()):
        where = os.path.relpath(path, root)
        for i in repeated(page.ids):
            problems.append(f"{where}: id \"{i}\" is repeated")
        for attribute, value, line in page.links:
            if EXTERNAL.match(value):
                continue
            count += 1
            target, _, fragment = value.partition("#")
            target = urllib.parse.unquote(target.split("?")[0])
            if not target:
                resolved = path
            else:
                base = root if target.startswith("/") else os.path.dirname(path)
                resolved = os.path.normpath(os.path.join(base, target.lstrip("/")))
                if os.path.isdir(resolved) or target.endswith("/"):
                    resolved = os.path.join(resolved, "index.html")
            if not os.path.exists(resolved):
                problems.append(f"{where}:{line}: {attribute}=\"{value}\": no file {os.path.relpath(resolved, root)}")
                continue
            fragment = urllib.parse.unquote(fragment)
            if fragment and resolved in pages and fragment not in pages[resolved].ids:
                problems.append(f"{where}:{line}: {attribute}=\"{value}\": no id \"{fragment}\" in {os.path.relpath(resolved, root)}")
    return problems, f"{len(pages)} pages, {count} links"


def github_slug(text):
    """GitHub's heading anchor (github-slugger): lower case, punctuation dropped, spaces to `-`."""
    text = text.strip().lower()
    kept = []
    for character in text:
        category = unicodedata.category(character)
        if character in "-_ " or category[0] in "LN" or category in ("Mn", "Mc"):
            kept.append("-" if character == " " else character)
    return "".join(kept)


def github_ids(page):
    """The ids GitHub gives a rendered Markdown file: `user-content-` before every raw id or name
    it keeps, and before each heading's slug (a repeat gets `-1`, `-2`, ...). A link `#x` on
    GitHub goes to `user-content-x`."""
    ids = {"user-content-" + i for i in page.ids}
    counts = {}
    for heading in page.headings:
        slug = github_slug(heading)
        n = counts.get(slug, 0)
        counts[slug] = n + 1
        ids.add("user-content-" + (slug if n == 0 else f"{slug}-{n}"))
    return ids


def render_gfm(path):
    result = subprocess.run(
        ["cmark-gfm", "--unsafe", "-e", "table", "-e", "autolink", "-e", "strikethrough", "-e", "tagfilter", path],
        check=True, capture_output=True, text=True)
    return result.stdout


def check_gfm(root):
    root = os.path.abspath(root)
    pages = {}
    for name in sorted(os.listdir(root)):
        if name.endswith(".md"):
            pages[name] = parse(render_gfm(os.path.join(root, name)))
    ids = {name: github_ids(page) for name, page in pages.items()}
    problems, count = [], 0
    for name, page in pages.items():
        for attribute, value, line in page.links:
            count += 1
            if "\\" in value or "%5C" in value.upper():
                problems.append(f"{name}: {attribute}=\"{value}\": a backslash in a link (an escape GFM kept)")
            if EXTERNAL.match(value):
                continue
            target, _, fragment = value.partition("#")
            target = urllib.parse.unquote(target)
            if target and not os.path.exists(os.path.normpath(os.path.join(root, target))):
                problems.append(f"{name}: {attribute}=\"{value}\": no file {target}")
                continue
            if fragment:
                target_name = os.path.normpath(target) if target else name
                if target_name in ids and "user-content-" + urllib.parse.unquote(fragment) not in ids[target_name]:
                    problems.append(f"{name}: {attribute}=\"{value}\": no anchor \"{fragment}\" in {target_name} under GitHub's rules")
    return problems, f"{len(pages)} Markdown files, {count} links"


def check_ids(paths):
    joined = ""
    for path in paths:
        with open(path, encoding="utf-8") as f:
            joined += f.read()
    page = parse(joined)
    problems = [f"id \"{i}\" is repeated when {len(paths)} fragments share a page" for i in repeated(page.ids)]
    return problems, f"{len(paths)} fragments, {len(page.ids)} ids"


def main(argv):
    if len(argv) < 3 or argv[1] not in ("site", "gfm", "ids"):
        print(__doc__, file=sys.stderr)
        return 2
    mode = argv[1]
    if mode == "site":
        problems, summary = check_site(argv[2])
    elif mode == "gfm":
        problems, summary = check_gfm(argv[2])
    else:
        problems, summary = check_ids(argv[2:])
    for problem in problems:
        print(f"linkcheck: {problem}", file=sys.stderr)
    if problems:
        print(f"linkcheck {mode} {argv[2]}: {len(problems)} problems ({summary})", file=sys.stderr)
        return 1
    print(f"linkcheck {mode} {argv[2]}: ok ({summary})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
