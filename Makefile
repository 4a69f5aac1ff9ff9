# faqbot: `make run` serves the app on http://127.0.0.1:8000, `make test` runs every test.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
PORT   ?= 8000
WORKERS ?= 2

.PHONY: run test lint eval bench services clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install -q --disable-pip-version-check -e '.[postgres,test]'
	rm -f $(VENV)/.installed-*
	touch $@

instance/secret_key: | $(BIN)/python
	mkdir -p instance
	$(BIN)/python -c 'import secrets; print(secrets.token_hex(32))' > $@
	chmod 600 $@

# Set up and serve: SQLite in instance/, the notification sender in the web process.
run: $(STAMP) instance/secret_key
	$(BIN)/faqbot init-db
	FAQBOT_SECRET_KEY="$$(cat instance/secret_key)" FAQBOT_SECURE_COOKIES=0 \
	FAQBOT_NOTIFY_IN_WEB=1 FAQBOT_PUBLIC_URL=http://127.0.0.1:$(PORT) \
	$(BIN)/gunicorn --bind 127.0.0.1:$(PORT) --workers $(WORKERS) 'faqbot.app:create_app()'

# Install what the tests need (Debian packages when missing) and run all of them.
test: $(STAMP) services
	$(BIN)/ruff check src tests bench
	$(BIN)/faqbot check
	$(BIN)/faqbot eval tests/data/questions.yaml --quiet
	$(BIN)/faqbot eval tests/data/blind/faq_es_dev.yaml --quiet
	$(BIN)/python -m pytest $(PYTEST_ARGS)

services:
	bash scripts/install-services

lint: $(STAMP)
	$(BIN)/ruff check src tests bench

eval: $(STAMP)
	$(BIN)/faqbot eval tests/data/questions.yaml --baseline

# Not part of `make test`: the matcher, HTTP load (wrk, a Debian package) and memory.
bench: $(STAMP)
	FAQBOT_BENCH=1 bash scripts/install-services
	$(BIN)/python bench/matcher.py --full-scan
	$(BIN)/python bench/http_load.py

clean:
	rm -rf $(VENV) .pytest_cache build src/*.egg-info
