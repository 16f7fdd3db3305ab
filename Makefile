# The front door. README and .ci/run call exactly these targets.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup run serve test lint bench clean

$(STAMP): pyproject.toml package-lock.json
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	scripts/vendor-assets.sh
	touch $(STAMP)

setup: $(STAMP)  ## Python environment with planwatch and its tools

run: setup  ## Read and check the bundled plan, load the demo figures (approved), evaluate it, serve the portal
	$(BIN)/planwatch lint --min-severity error --fail-on never
	$(BIN)/planwatch demo
	$(BIN)/planwatch evaluate 新建区 --as-of 2025-06-30
	@echo "公开门户（示例数据，非真实统计，已审批）：http://127.0.0.1:8000/public/plans/1?as_of=2025-06-30"
	@echo "工作人员界面须登录：先运行 planwatch user add 用户名 --role admin，再打开 http://127.0.0.1:8000/login"
	$(BIN)/planwatch serve

serve: setup  ## The web app on http://127.0.0.1:8000 (PLANWATCH_DATABASE_URL picks the database)
	$(BIN)/planwatch serve

test: setup  ## Lint, type-check and run the whole suite (SQLite and a throwaway PostgreSQL)
	scripts/system-deps.sh test
	$(BIN)/ruff check planwatch tests bench
	$(BIN)/ruff format --check planwatch tests bench
	$(BIN)/mypy planwatch
	scripts/with-postgres.sh $(BIN)/pytest

lint: setup
	$(BIN)/ruff check planwatch tests bench
	$(BIN)/ruff format --check planwatch tests bench
	$(BIN)/mypy planwatch

bench: setup  ## Print speed and accuracy figures (not asserted anywhere)
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/lint.py
	$(BIN)/python bench/lint_accuracy.py
	$(BIN)/python bench/versions.py
	$(BIN)/python bench/accuracy.py
	$(BIN)/python bench/bulletin.py
	scripts/with-postgres.sh $(BIN)/python bench/approval.py
	scripts/with-postgres.sh $(BIN)/python bench/search.py
	scripts/with-postgres.sh $(BIN)/python bench/evaluate.py
	$(BIN)/python bench/web.py
	$(BIN)/python bench/reports.py
	$(BIN)/python bench/hostile.py

clean:
	rm -rf $(VENV) build .pytest_cache .mypy_cache .ruff_cache node_modules planwatch/present/web/static/vendor
