# Everything installs into .venv/ in the repository root.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip

.PHONY: run test lint bench install install-test clean

$(VENV)/.installed: pyproject.toml constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -c constraints.txt -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PIP) install -q -c constraints.txt -e '.[test]'
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

## make run: install, then the main job on built-in defaults
run: install
	$(VENV)/bin/rolefit compare ai-engineer ml-engineer data-scientist mlops-engineer

## make test: install what tests need, lint, run the whole suite
test: install-test
	$(PY) -m ruff check rolefit tests bench
	$(PY) -m pytest

lint: install-test
	$(PY) -m ruff check rolefit tests bench
	$(PY) -m ruff format --check rolefit tests bench

bench: install-test
	$(PIP) install -q -c constraints.txt -r bench/requirements.txt
	$(PY) bench/quality.py
	$(PY) bench/skills_extraction.py
	$(PY) bench/speed.py

clean:
	rm -rf $(VENV) build *.egg-info
