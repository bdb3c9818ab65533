# OneOffice — the two commands: `make demo` and `make test`. See README.md.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo up down test lint venv bench-store bench-flow bench-gateway bench-dashboard bench-province infra-up infra-down proto outdated clean

# The virtual environment is rebuilt whenever a dependency list changes.
$(STAMP): constraints.txt requirements-dev.txt contracts/pyproject.toml libs/eventcore/pyproject.toml \
          services/*/pyproject.toml deploy/embedded/pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is required ($(PYTHON) not found)"; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade "pip==26.3"
	$(PY) -m pip install -q -c constraints.txt -r requirements-dev.txt
	@touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)
	$(PY) -m oneoffice.embedded

# The distributed mode on this machine: PostgreSQL, Kafka and one process per service under honcho
# (REPLICAS=2: two of documents and of reporting); prints the gateway's address. `make down` stops it.
up: $(STAMP)
	bash deploy/local/up.sh start

down:
	bash deploy/local/up.sh stop

test: $(STAMP)
	bash deploy/local/test.sh

# Also the first phase of `make test`.
lint: $(STAMP)
	VENV=$(VENV) bash deploy/local/lint.sh

bench-store: $(STAMP)
	$(PY) -m pip install -q -c constraints.txt -r requirements-bench.txt
	bash deploy/local/with-infra.sh postgres -- $(PY) bench/store_bench.py $(ARGS)

bench-flow: $(STAMP)
	$(PY) -m pip install -q -c constraints.txt -r requirements-bench.txt
	bash deploy/local/with-infra.sh both -- $(PY) bench/flow_bench.py $(ARGS)

# The distributed mode under authenticated registrations at fixed rates (ARGS="--rates 20 -s 2": quick).
bench-gateway: $(STAMP)
	$(PY) -m pip install -q -c constraints.txt -r requirements-bench.txt
	bash deploy/local/with-infra.sh both -- $(PY) -m bench.gateway_bench $(ARGS)

# The national dashboard (3,321 communes, a year of facts) under 20 concurrent readers (ARGS="--communes 300 -s 5": quick).
bench-dashboard: $(STAMP)
	$(PY) -m pip install -q -c constraints.txt -r requirements-bench.txt
	bash deploy/local/with-infra.sh postgres -- $(PY) bench/dashboard_bench.py $(ARGS)

# A synthetic province (130 communes x 20,000 events) published to Kafka, then reporting's full rebuild
# from it beside the raw aiokafka consume rate, with its peak RSS (ARGS="--events-per-commune 500": quick).
bench-province: $(STAMP)
	bash deploy/local/with-infra.sh both -- $(PY) -m bench.province.rebuild_bench $(ARGS)

proto: $(STAMP)
	$(PY) contracts/scripts/generate.py

# The pins of constraints.txt that are behind the newest release the package index serves.
outdated: $(STAMP)
	$(PY) deploy/local/outdated.py

infra-up:
	bash deploy/local/postgres.sh start
	bash deploy/local/kafka.sh start

infra-down:
	bash deploy/local/kafka.sh stop
	bash deploy/local/postgres.sh stop

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache var
