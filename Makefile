# The two commands a newcomer runs: `make demo` and `make test`.
# Both build .venv from requirements.txt and tests/requirements.txt on first use.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.txt tests/requirements.txt | cksum | cut -d' ' -f1)
COLLECTIONS := .build/collections
LINK := $(COLLECTIONS)/ansible_collections/cxone/cxone
# Outside the checkout: inside it, ansible-test would take the git root (and its ignores) for the collection.
SANITY_ROOT := $(or $(TMPDIR),/tmp)/cxone-sanity/ansible_collections/cxone/cxone
PYTEST_WORKERS ?= 2

.PHONY: demo test unit pytest sanity lint molecule emulator clean build ee docs changelog

$(STAMP): requirements.txt tests/requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt -r tests/requirements.txt
	rm -f $(VENV)/.installed-* && touch $@

$(LINK):
	mkdir -p $(dir $(LINK))
	ln -sfn "$(CURDIR)" $(LINK)

# Demo: against the tenant in CXONE_BASE_URL/CXONE_CLIENT_ID/CXONE_CLIENT_SECRET, or the emulator.
demo: $(STAMP) $(LINK)
	$(BIN)/python tests/support/demo.py

# Start the emulator in the foreground (http://127.0.0.1:8765).
emulator: $(STAMP)
	PYTHONPATH=tests/emulator $(BIN)/python -m cxone_emulator --port 8765

test: pytest sanity lint molecule docs changelog smoke-lowest

# worksteal: a worker that ran out of tests takes queued ones from the other (the slow fault
# suite comes last; with the default scheduling one worker ran its tail alone).
pytest: $(STAMP) $(LINK)
	$(BIN)/python -m pytest -q -n $(PYTEST_WORKERS) --dist worksteal tests

# The pure logic without the emulator or ansible-playbook (tests/unit): a signal in seconds.
unit: $(STAMP) $(LINK)
	$(BIN)/python -m pytest -q -n $(PYTEST_WORKERS) tests/unit

# A short smoke run on the lowest ansible-core that meta/runtime.yml claims, in a venv of its own:
# the demo in check mode, applied twice (idempotent), and a drift check, on both APIs.
LOWEST_CORE := $(shell sed -n 's/^requires_ansible: *">=\([0-9.]*\)".*/\1/p' meta/runtime.yml)
LOWEST_VENV := .build/venv-lowest
.PHONY: smoke-lowest
smoke-lowest: $(LINK)
	test -x $(LOWEST_VENV)/bin/python || $(PYTHON) -m venv $(LOWEST_VENV)
	$(LOWEST_VENV)/bin/python -m pip install --quiet "ansible-core==$(LOWEST_CORE:%.0=%).*" -r requirements.txt
	$(LOWEST_VENV)/bin/python tests/support/smoke.py

# The README's reliability section, from the figures the last `make test` wrote to .build/reliability.md.
.PHONY: reliability
reliability: $(STAMP)
	$(BIN)/python tests/reliability.py

# ansible-test wants the collection at .../ansible_collections/cxone/cxone: test a copy of what git has.
sanity: $(STAMP)
	rm -rf $(SANITY_ROOT) && mkdir -p $(SANITY_ROOT)
	{ git ls-files; git ls-files --others --exclude-standard; } | sort -u | \
	  while read -r f; do [ -e "$$f" ] && printf '%s\n' "$$f"; done | tar -cf - -T - | tar -xf - -C $(SANITY_ROOT)
	$(BIN)/python tests/sanity/get_pip.py --install-for-ansible-test
	cd $(SANITY_ROOT) && PATH="$(CURDIR)/$(BIN):$$PATH" ansible-test sanity --requirements --python 3.11 --color no

lint: $(STAMP) $(LINK)
	ANSIBLE_COLLECTIONS_PATH=$(CURDIR)/$(COLLECTIONS) $(BIN)/ansible-lint --profile production

# Molecule scenarios (extensions/molecule/<scenario>, collection mode), each against its own
# emulator on a free port: the venv's molecule and ansible, the checkout as cxone.cxone.
# Each scenario runs on both API surfaces: the seeds' contract, then the real CXone API's.
molecule: $(STAMP) $(LINK)
	PATH="$(CURDIR)/$(BIN):$$PATH" ANSIBLE_COLLECTIONS_PATH=$(CURDIR)/$(COLLECTIONS) $(BIN)/molecule test --all
	CXONE_MOLECULE_API=admin PATH="$(CURDIR)/$(BIN):$$PATH" ANSIBLE_COLLECTIONS_PATH=$(CURDIR)/$(COLLECTIONS) \
	  $(BIN)/molecule test --all

# ---- AWX / Automation Platform, Galaxy, docs site, changelog (docs/awx.md) ----
DIST := .build/dist
DOCS := .build/docs

# The Galaxy artifact in .build/dist (galaxy.yml's build_ignore keeps tests and dev files out),
# then galaxy-importer on it, in a venv of its own (.build/galaxy-importer). pytest does the same
# in tests/awx/test_galaxy.py.
build: $(STAMP)
	rm -rf $(DIST)
	$(BIN)/ansible-galaxy collection build --output-path $(DIST) .
	$(BIN)/python tests/awx/galaxy_import.py $(DIST)/cxone-cxone-*.tar.gz

# The execution environment's build context in .build/ee (ansible-builder create: no container
# engine needed). Then, where podman or docker is: podman build -t cxone-ee:latest .build/ee
ee: $(STAMP)
	rm -rf $(DIST) .build/ee .build/ee-src && mkdir -p .build/ee-src
	$(BIN)/ansible-galaxy collection build --output-path $(DIST) .
	cp execution-environment/execution-environment.yml .build/ee-src/
	cp $(DIST)/cxone-cxone-*.tar.gz .build/ee-src/cxone-cxone.tar.gz
	$(BIN)/ansible-builder create -f .build/ee-src/execution-environment.yml -c .build/ee --output-filename Containerfile

# The docs site in .build/docs/html: the plugins' and roles' own docs (antsibull-docs) and the
# guides (docs/*.md), built by Sphinx with warnings as errors. See docs/site/conf.py.
docs: $(STAMP) $(LINK)
	rm -rf $(DOCS) && mkdir -p $(DOCS)/rst/collection $(DOCS)/rst/guides $(DOCS)/rst/developer/api
	PATH="$(CURDIR)/$(BIN):$$PATH" ANSIBLE_COLLECTIONS_PATH=$(CURDIR)/$(COLLECTIONS) $(BIN)/antsibull-docs \
	  --config-file docs/site/antsibull-docs.cfg collection --use-current --squash-hierarchy --fail-on-error \
	  --dest-dir $(DOCS)/rst/collection cxone.cxone
	cp docs/site/index.rst $(DOCS)/rst/index.rst
	cp docs/site/guides.rst $(DOCS)/rst/guides/index.rst
	cp docs/site/developer.rst $(DOCS)/rst/developer/index.rst
	for f in docs/*.md; do case $$f in docs/developing.md) ;; *) cp $$f $(DOCS)/rst/guides/ ;; esac; done
	cp docs/developing.md $(DOCS)/rst/developer/ && cp docs/api/*.md $(DOCS)/rst/developer/api/
	cp CHANGELOG.md $(DOCS)/rst/changelog.md
	$(BIN)/sphinx-build -q -b html -c docs/site -W --keep-going $(DOCS)/rst $(DOCS)/html
	PATH="$(CURDIR)/$(BIN):$$PATH" ANSIBLE_COLLECTIONS_PATH=$(CURDIR)/$(COLLECTIONS) $(BIN)/antsibull-docs \
	  lint-collection-docs --plugin-docs --skip-rstcheck $(LINK)
	@echo "docs: $(DOCS)/html/index.html"

# The changelog fragments (changelogs/fragments) are valid.
changelog: $(STAMP)
	$(BIN)/antsibull-changelog lint

# A release: `make release VERSION=X.Y.Z` moves the version everywhere it is written (galaxy.yml,
# the client's user agent in plugins/module_utils/_version.py, the EE's tag; tests/e2e/test_release.py
# checks they agree) and writes CHANGELOG.md from the fragments (antsibull-changelog consumes them).
# Right after it, `make release VERSION=X.Y+1.0-dev` makes main build as the next version until
# that is released (a dev version writes no changelog section).
.PHONY: release
release: $(STAMP) $(LINK)
	@test -n "$(VERSION)" || { echo "usage: make release VERSION=X.Y.Z"; exit 2; }
	sed -i 's/^version: .*/version: $(VERSION)/' galaxy.yml
	sed -i 's/^COLLECTION_VERSION = .*/COLLECTION_VERSION = "$(VERSION)"/' plugins/module_utils/_version.py
	sed -i 's/cxone-ee:[0-9][0-9A-Za-z.+-]*/cxone-ee:$(VERSION)/g' execution-environment/execution-environment.yml docs/awx.md
	case "$(VERSION)" in *-*) ;; *) PATH="$(CURDIR)/$(BIN):$$PATH" ANSIBLE_COLLECTIONS_PATH=$(CURDIR)/$(COLLECTIONS) \
	  $(BIN)/antsibull-changelog release --version $(VERSION) ;; esac

clean:
	rm -rf .build tests/output

# Benchmarks (not part of `make test`): benchmarks/README.md. Both write benchmarks/results.md.
# BENCH_ARGS="--uri-sample 200" runs the peak mode uri loop on a sample and extrapolates;
# FULL_TENANT_ARGS="--sizes 0.2,1" picks the full-tenant sizes.
.PHONY: bench
bench: $(STAMP) $(LINK)
	$(BIN)/python benchmarks/bench.py $(BENCH_ARGS)
	$(BIN)/python benchmarks/full_tenant.py $(FULL_TENANT_ARGS)
