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

.PHONY: demo test pytest sanity lint molecule emulator clean

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

test: pytest sanity lint molecule

pytest: $(STAMP) $(LINK)
	$(BIN)/python -m pytest -q -n $(PYTEST_WORKERS) tests

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
molecule: $(STAMP) $(LINK)
	PATH="$(CURDIR)/$(BIN):$$PATH" ANSIBLE_COLLECTIONS_PATH=$(CURDIR)/$(COLLECTIONS) $(BIN)/molecule test --all

clean:
	rm -rf .build tests/output
