# Hindsight: `make run` starts the dashboard, `make test` runs every test. Both set up .venv first.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
# every version pinned: make run, make test and CI install the same packages; `make lock` refreshes it
LOCK := requirements.lock

.PHONY: run test check bench clean demo lock

$(STAMP): pyproject.toml $(LOCK)
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c $(LOCK) -e ".[test]"
	@touch $(STAMP)

lock:
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet uv
	$(PY) -m uv pip compile pyproject.toml --extra test --python-version 3.11 --upgrade -o $(LOCK)

run: $(STAMP)
	$(VENV)/bin/streamlit run app.py --server.headless true --browser.gatherUsageStats false

test: $(STAMP)
	$(PY) -m pytest

check: $(STAMP)
	$(VENV)/bin/ruff check analysis pages ui tests app.py benchmarks data
	$(PY) -m mypy analysis
	@if [ -f ../shared/tools/check_contract.py ]; then $(PY) ../shared/tools/check_contract.py; \
	 else echo "../shared/tools/check_contract.py is not beside this clone: the CLI contract check runs in CI"; fi

bench: $(STAMP)
	$(PY) -m benchmarks.run

demo:
	$(PY) data/make_demo.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
