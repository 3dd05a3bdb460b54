# ParamScope: `make report` (configs/ → reports/) and `make test` do all set-up on a fresh
# Debian machine: they install the two C libraries when pkg-config cannot find them.

PREFIX ?= /usr/local
SWIFT ?= $(shell command -v swift || echo /opt/swift/usr/bin/swift)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PACKAGES := libcmark-dev libyaml-dev pkg-config

.PHONY: deps build release report test check docs-sites install uninstall benchmark clean

deps:
	@if ! pkg-config --exists libcmark yaml-0.1 2>/dev/null; then \
		echo "installing $(APT_PACKAGES)"; \
		$(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(APT_PACKAGES); \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

# The main job: every list in configs/ → reports/.
report: release
	.build/release/paramscope report

# The tests, including one that fails when reports/ is stale.
test: deps
	$(SWIFT) build
	$(SWIFT) test

# Exit 1 when reports/ differs from what configs/ would produce.
check: build
	.build/debug/paramscope report --check

# The README's docs-site recipes, copied out of README.md and built for real (MkDocs Material
# with --strict, Hugo, GitHub's cmark-gfm), every href and #id checked; installs the generators
# when missing (hugo and cmark-gfm from Debian, mkdocs into .build-docs/venv). See docs-sites/run.
docs-sites: build
	PARAMSCOPE=.build/debug/paramscope docs-sites/run

# `make install PREFIX=~/.local`: the binary in PREFIX/bin and the default templates in
# PREFIX/share/paramscope/templates, where `paramscope report` finds them from any directory.
# DESTDIR stages the tree for a package.
install: release
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/paramscope/templates
	install -m 755 .build/release/paramscope $(DESTDIR)$(PREFIX)/bin/paramscope
	install -m 644 templates/page.html.mustache templates/style.css $(DESTDIR)$(PREFIX)/share/paramscope/templates/

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/paramscope
	rm -rf $(DESTDIR)$(PREFIX)/share/paramscope

# The performance benchmark (release build in .build-bench/): see README, "Performance".
benchmark: deps
	PARAMSCOPE_BENCHMARKS=1 $(SWIFT) build -c release --scratch-path .build-bench
	.build-bench/release/paramscope-bench --binary .build-bench/release/paramscope $(BENCH_ARGS)

clean:
	rm -rf .build .build-docs
