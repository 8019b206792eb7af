# Hindsight: `make run` starts the dashboard, `make test` runs every test. Both set up .venv first.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: run test check bench clean demo

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	@touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/streamlit run app.py --server.headless true --browser.gatherUsageStats false

test: $(STAMP)
	$(PY) -m pytest

check: $(STAMP)
	$(VENV)/bin/ruff check analysis pages tests app.py benchmarks
	$(PY) ../shared/tools/check_contract.py

bench: $(STAMP)
	$(PY) -m benchmarks.run

demo:
	$(PY) data/make_demo.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
