# faqbot: `make run` serves the app on http://127.0.0.1:8000, `make test` runs every test.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# Dependencies come from the hashed lock files (`make lock` refreshes them), so
# every install gets exactly the reviewed versions; the stamp follows them.
LOCKS  := requirements.lock requirements-test.lock
# The C speedups are built by the project's install: a change to them reinstalls.
BUILD  := pyproject.toml setup.py src/faqbot/_speedups.c
STAMP  := $(VENV)/.installed-$(shell cat $(BUILD) $(LOCKS) | cksum | cut -d' ' -f1)
RUN_STAMP := $(VENV)/.run-installed-$(shell cat $(BUILD) requirements.lock | cksum | cut -d' ' -f1)
PIP    := $(BIN)/python -m pip --disable-pip-version-check
PORT   ?= 8000
WORKERS ?= 2

.PHONY: run test lint eval bench services clean lock audit model classifier

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Runtime and test dependencies, then the project itself without resolving again.
$(STAMP): $(BUILD) $(LOCKS) | $(BIN)/python
	$(PIP) install -q --require-hashes -r requirements-test.lock
	$(PIP) install -q --no-deps -e .
	rm -f $(VENV)/.installed-* $(VENV)/.run-installed-*
	touch $@ $(RUN_STAMP)

# `make run` needs only the runtime set (a venv `make test` filled has it too).
$(RUN_STAMP): $(BUILD) requirements.lock | $(BIN)/python
	$(PIP) install -q --require-hashes -r requirements.lock
	$(PIP) install -q --no-deps -e .
	rm -f $(VENV)/.run-installed-*
	touch $@

# Refresh the lock files from pyproject.toml (PyPI only, hashes for every file).
lock: | $(BIN)/python
	$(PIP) install -q 'pip-tools>=7.4'
	PIP_CONFIG_FILE=/dev/null PIP_FIND_LINKS= $(BIN)/pip-compile -q --generate-hashes \
	  --allow-unsafe --strip-extras --no-emit-index-url --index-url https://pypi.org/simple \
	  --extra postgres -o requirements.lock pyproject.toml
	PIP_CONFIG_FILE=/dev/null PIP_FIND_LINKS= $(BIN)/pip-compile -q --generate-hashes \
	  --allow-unsafe --strip-extras --no-emit-index-url --index-url https://pypi.org/simple \
	  --extra postgres --extra test -o requirements-test.lock pyproject.toml

# Known vulnerabilities in the locked set (needs the PyPA advisory database online).
audit: | $(BIN)/python
	$(PIP) install -q 'pip-audit>=2.7'
	$(BIN)/pip-audit --strict --require-hashes --disable-pip -r requirements-test.lock

instance/secret_key: | $(BIN)/python
	mkdir -p -m 700 instance
	$(BIN)/python -c 'import secrets; print(secrets.token_hex(32))' > $@
	chmod 600 $@

# Set up and serve: SQLite in instance/, the notification sender in the web process.
run: $(RUN_STAMP) instance/secret_key
	$(BIN)/faqbot init-db
	FAQBOT_SECRET_KEY="$$(cat instance/secret_key)" FAQBOT_SECURE_COOKIES=0 \
	FAQBOT_NOTIFY_IN_WEB=1 FAQBOT_PUBLIC_URL=http://127.0.0.1:$(PORT) FAQBOT_DEMO_PAGE=1 \
	$(BIN)/gunicorn --bind 127.0.0.1:$(PORT) --workers $(WORKERS) 'faqbot.app:create_app()'

# Install what the tests need (Debian packages when missing) and run all of them.
test: $(STAMP) services
	$(BIN)/ruff check src tests bench
	$(BIN)/faqbot check
	$(BIN)/faqbot eval tests/data/questions.yaml --quiet
	$(BIN)/faqbot safety-eval --gate --quiet tests/data/blind/safety_train.yaml tests/data/blind/safety_dev.yaml
	$(BIN)/faqbot safety-eval --gate --quiet tests/data/blind/round2/safety_train.yaml tests/data/blind/round2/safety_dev.yaml
	$(BIN)/faqbot safety-eval --gate --quiet tests/data/blind/round3/safety_train.yaml tests/data/blind/round3/safety_dev.yaml
	$(BIN)/faqbot safety-eval --gate --quiet tests/data/blind/round4/safety_train.yaml tests/data/blind/round4/safety_dev.yaml
	$(BIN)/faqbot safety-eval --gate --quiet tests/data/blind/round5/safety_train.yaml tests/data/blind/round5/safety_dev.yaml
	$(BIN)/faqbot safety-eval --gate --quiet tests/data/blind/round6/safety_train.yaml tests/data/blind/round6/safety_dev.yaml
	$(BIN)/faqbot safety-eval --gate --quiet tests/data/blind/round7/safety_train.yaml tests/data/blind/round7/safety_dev.yaml
	$(BIN)/faqbot safety-eval --gate --quiet tests/data/blind/round8/safety_train.yaml tests/data/blind/round8/safety_dev.yaml
	$(BIN)/faqbot safety-eval --gate --quiet tests/data/blind/round9/safety_train.yaml tests/data/blind/round9/safety_dev.yaml
	$(BIN)/python scripts/train_classifier.py --check
	$(BIN)/faqbot eval tests/data/blind/faq_train.yaml --quiet $(BLIND_GATE)
	$(BIN)/faqbot eval tests/data/blind/faq_dev.yaml --quiet $(BLIND_GATE)
	$(BIN)/faqbot eval tests/data/blind/faq_es_dev.yaml --quiet
	$(BIN)/faqbot eval tests/data/blind/round6/faq_es_train.yaml --quiet $(ROUND6_ES_GATE)
	$(BIN)/faqbot eval tests/data/blind/round6/faq_es_dev.yaml --quiet $(ROUND6_ES_GATE)
	$(BIN)/faqbot eval tests/data/blind/round7/faq_es_train.yaml --quiet $(ROUND7_ES_GATE)
	$(BIN)/faqbot eval tests/data/blind/round7/faq_es_dev.yaml --quiet $(ROUND7_ES_GATE)
	$(BIN)/faqbot eval tests/data/blind/round8/faq_es_train.yaml --quiet $(ROUND8_ES_GATE)
	$(BIN)/faqbot eval tests/data/blind/round8/faq_es_dev.yaml --quiet $(ROUND8_ES_GATE)
	$(BIN)/faqbot eval tests/data/blind/round9/faq_es_train.yaml --quiet $(ROUND9_ES_GATE)
	$(BIN)/faqbot eval tests/data/blind/round9/faq_es_dev.yaml --quiet $(ROUND9_ES_GATE)
	$(BIN)/faqbot eval tests/data/blind/round2/faq_train.yaml --quiet $(ROUND2_GATE)
	$(BIN)/faqbot eval tests/data/blind/round2/faq_dev.yaml --quiet $(ROUND2_GATE)
	$(BIN)/faqbot eval tests/data/blind/round3/faq_train.yaml --quiet $(ROUND3_GATE)
	$(BIN)/faqbot eval tests/data/blind/round3/faq_dev.yaml --quiet $(ROUND3_GATE)
	$(BIN)/faqbot eval tests/data/blind/round4/faq_train.yaml --quiet $(ROUND4_GATE)
	$(BIN)/faqbot eval tests/data/blind/round4/faq_dev.yaml --quiet $(ROUND4_GATE)
	$(BIN)/faqbot eval tests/data/blind/round5/faq_train.yaml --quiet $(ROUND5_GATE)
	$(BIN)/faqbot eval tests/data/blind/round5/faq_dev.yaml --quiet $(ROUND5_GATE)
	$(BIN)/faqbot eval tests/data/blind/round6/faq_train.yaml --quiet $(ROUND6_GATE)
	$(BIN)/faqbot eval tests/data/blind/round6/faq_dev.yaml --quiet $(ROUND6_GATE)
	$(BIN)/faqbot eval tests/data/blind/round7/faq_train.yaml --quiet $(ROUND7_GATE)
	$(BIN)/faqbot eval tests/data/blind/round7/faq_dev.yaml --quiet $(ROUND7_GATE)
	$(BIN)/faqbot eval tests/data/blind/round8/faq_train.yaml --quiet $(ROUND8_GATE)
	$(BIN)/faqbot eval tests/data/blind/round8/faq_dev.yaml --quiet $(ROUND8_GATE)
	$(BIN)/faqbot eval tests/data/blind/round9/faq_train.yaml --quiet $(ROUND9_GATE)
	$(BIN)/faqbot eval tests/data/blind/round9/faq_dev.yaml --quiet $(ROUND9_GATE)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The blind sets' gate: measured (tuned, third round) 96.4% / 97.9% / 0.0%
# (train) and 92.9% / 96.5% / 0.4% (dev) accuracy / resolved / false answers;
# the gate leaves two points of margin or more. docs/MATCHING.md has the
# figures. The final third is scored by hand, once.
BLIND_GATE := --min-accuracy 0.90 --min-resolved 0.92 --max-false-answers 0.02
# Round 2's blind FAQ sets (written after the matcher's second round, tuned on
# in the third): measured 93.9% / 1.5% (train) and 94.5% / 2.1% (dev) accuracy /
# false answers; a regression gate with margin. Its final third is scored once.
ROUND2_GATE := --min-accuracy 0.88 --min-resolved 0.90 --max-false-answers 0.04
# Round 3's blind FAQ sets (written this round; the matcher's third round read
# their train and dev thirds by kind): measured 94.5% / 95.3% / 3.6% (train) and
# 93.7% / 96.0% / 4.1% (dev) accuracy / resolved / false answers. A regression
# gate with margin; the final third is scored once (docs/MATCHING.md).
ROUND3_GATE := --min-accuracy 0.91 --min-resolved 0.93 --max-false-answers 0.06
# Round 4's blind FAQ sets (authors Q8, Q9; scored unseen first, then read by
# kind in the matcher's fourth round): measured 93.9% / 97.0% / 3.5% (train)
# and 91.2% / 94.2% / 3.4% (dev) accuracy / resolved / false answers. A
# regression gate with margin; the final third is scored once (docs/MATCHING.md).
ROUND4_GATE := --min-accuracy 0.88 --min-resolved 0.91 --max-false-answers 0.06
# Round 5's blind FAQ sets (authors Q10, Q11; scored unseen first, then read
# by kind in the matcher's fifth round): measured before any change 94.8% /
# 95.6% / 2.9% (train) and 91.8% / 94.0% / 2.4% (dev) accuracy / resolved /
# false answers. A regression gate with margin; the final third is scored once.
ROUND5_GATE := --min-accuracy 0.89 --min-resolved 0.91 --max-false-answers 0.05
# Round 6's blind FAQ sets (authors Q12, Q13; scored unseen first, then read
# by kind in the matcher's sixth round): measured before any change 94.1% /
# 94.8% / 7.3% (train) and 97.8% / 99.3% / 1.4% (dev), after it 96.3% / 97.0%
# / 1.0% and 98.5% / 100% / 0.5% accuracy / resolved / false answers (tuned).
# A regression gate a little below; the final third is scored once.
ROUND6_GATE := --min-accuracy 0.94 --min-resolved 0.95 --max-false-answers 0.03
# Round 6's blind Spanish FAQ sets (author Q14; scored unseen first: 80.4% /
# 82.6% / 11.4% train and 80.0% / 84.4% / 10.1% dev accuracy / resolved / false
# answers, with 3 + 4 ordinary questions at crisis), then read by kind in the
# Spanish matcher's round: measured 95.7% / 97.8% / 1.4% (train) and 93.3% /
# 97.8% / 2.9% (dev). A regression gate with margin; the final third is scored once.
ROUND6_ES_GATE := --min-accuracy 0.89 --min-resolved 0.93 --max-false-answers 0.05
# Round 7's blind English FAQ sets (authors Q15, Q16; scored unseen first:
# 97.8% / 99.3% / 2.8% train and 92.9% / 95.0% / 3.7% dev accuracy / resolved /
# false answers), then read by kind: measured 98.5% / 100% / 1.4% (train) and
# 94.3% / 96.5% / 3.7% (dev). A regression gate with margin; the final third is
# scored once (docs/MATCHING.md).
ROUND7_GATE := --min-accuracy 0.92 --min-resolved 0.94 --max-false-answers 0.045
# Round 7's blind Spanish FAQ sets (author Q17; unseen first: 86.5% / 88.5% /
# 6.7% train and 85.2% / 88.9% / 7.7% dev), then read by kind: measured 94.2% /
# 96.2% / 2.7% (train) and 96.3% / 96.3% / 2.6% (dev). A regression gate with
# margin; the final third is scored once.
ROUND7_ES_GATE := --min-accuracy 0.91 --min-resolved 0.93 --max-false-answers 0.04
# Round 8's blind English FAQ sets (authors Q18, Q19, Q20; scored unseen first,
# docs/firstrun/round8_unseen/: 97.0% / 97.5% / 3.5% train and 93.8% / 96.9% /
# 2.6% dev accuracy / resolved / false answers), then read by kind: measured
# 98.0% / 98.5% / 0.6% (train) and 95.3% / 97.4% / 1.3% (dev). A regression gate
# with margin; the final third is scored once (docs/MATCHING.md).
ROUND8_GATE := --min-accuracy 0.93 --min-resolved 0.95 --max-false-answers 0.025
# Round 8's blind Spanish FAQ sets (author Q21; unseen first: 90.8% / 93.8% /
# 4.3% train and 89.1% / 90.6% / 3.2% dev), then read by kind: measured 96.9% /
# 98.5% / 0.0% (train) and 96.9% / 96.9% / 0.0% (dev). A regression gate with
# margin; the final third is scored once.
ROUND8_ES_GATE := --min-accuracy 0.93 --min-resolved 0.94 --max-false-answers 0.02
# Round 9's blind sets (authors Q22, Q23, Q24, S23), written after round 8 and
# scored once, unseen, on round 8's end (docs/firstrun/round9_unseen/): English
# 96.1% / 98.4% / 1.5% (train) and 95.4% / 96.9% / 3.5% (dev), Spanish 90.2% /
# 90.2% / 5.4% and 80.0% / 88.0% / 6.8%. Regression gates with margin until a
# round reads them; their final thirds are spent (docs/MATCHING.md, "Round 9").
ROUND9_GATE := --min-accuracy 0.93 --min-resolved 0.95 --max-false-answers 0.04
ROUND9_ES_GATE := --min-accuracy 0.78 --min-resolved 0.86 --max-false-answers 0.075

# Retrain the matcher's second opinion after editing faq/phrasings.yaml.
classifier: $(STAMP)
	$(BIN)/python scripts/train_classifier.py

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

# Retrain the crisis screen's model (scikit-learn, a test dependency) into src/faqbot/data/.
model: $(STAMP)
	$(BIN)/python scripts/train_safety.py

clean:
	rm -rf $(VENV) .pytest_cache build src/*.egg-info src/faqbot/*.so
