# Everything a user or CI runs. `make demo` and `make test` work on a fresh machine.
SHELL := /bin/bash
.DEFAULT_GOAL := help

STAGE ?= local
EMULATOR_PORT ?= 4566
# The one list of services (shared/infra/services.json).
SERVICES := $(shell node -p "require('./shared/infra/services.json').services.map((s) => s.name).join(' ')")
# The interpreter for .venv (>= 3.10): e.g. `make install PYTHON=python3.13` where python3 is older.
PYTHON ?= python3
# Empty: each stage's own `publisher` parameter (relay by default). `make deploy PUBLISHER=pipe` overrides it.
PUBLISHER ?=

# The emulator accepts any credentials; real AWS stages use your normal AWS environment instead.
ifeq ($(STAGE),local)
export AWS_ACCESS_KEY_ID ?= test
export AWS_SECRET_ACCESS_KEY ?= test
endif
export AWS_REGION ?= us-east-1
export AWS_DEFAULT_REGION ?= $(AWS_REGION)
export STAGE EMULATOR_PORT
export SLS_TELEMETRY_DISABLED := 1
export SLS_NOTIFICATIONS_MODE := off
# The SDK warns on Node 20 hosts about its future Node 22 requirement; not actionable here.
export NODE_NO_WARNINGS := 1
# awslocal (installed in .venv) talks to the emulator on the chosen port.
export LOCALSTACK_HOST := 127.0.0.1:$(EMULATOR_PORT)
export PATH := $(CURDIR)/.venv/bin:$(PATH)

SLS := $(CURDIR)/node_modules/.bin/sls
TSX := $(CURDIR)/node_modules/.bin/tsx
JEST := $(CURDIR)/node_modules/.bin/jest

.PHONY: help install lock doctor up down deploy deploy-stacks remove seed demo chaos redrive validate scan saga sagas hops order explorer browser bench bench-latency bench-throughput bench-report docs test test-unit test-integration test-pipe lint typecheck clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-18s %s\n", $$1, $$2}'

install: node_modules/.install-stamp .venv/.install-stamp ## Install npm (`npm ci`, exactly the lockfile) and Python dependencies

# `npm ci` installs exactly package-lock.json and never rewrites it. The lock lists every platform's
# optional binaries (biome, esbuild, ...): regenerate it only without node_modules (npm/cli#4828), e.g.
# `rm -rf node_modules && npm install --package-lock-only`; scripts/lib/dependencyDeclarations.test.ts checks it.
node_modules/.install-stamp: package.json package-lock.json shared/package.json $(foreach s,$(SERVICES),services/$(s)/package.json)
	npm ci --no-audit --no-fund
	@touch $@

.venv/.install-stamp: localstack/requirements.txt
	@echo "installing MiniStack, the AWS CLI, awslocal and cfn-lint into .venv (about 30 s)"
	$(PYTHON) -m venv .venv
	.venv/bin/pip install --disable-pip-version-check --progress-bar on -r localstack/requirements.txt
	@touch $@

lock: ## Rewrite package-lock.json after a dependency change (without node_modules, so every platform stays in it)
	@scripts/relock.sh

doctor: ## Check the prerequisites (Node, Python, Java, port, Docker, browser); prints how to install what is missing
	@PYTHON=$(PYTHON) scripts/doctor.sh

up: doctor install ## Start the emulator on 127.0.0.1:$(EMULATOR_PORT): EMULATOR=localstack|localstack-host|ministack (default: LocalStack if Docker answers, else MiniStack)
	@localstack/up.sh

down: ## Stop what `make up` started
	@localstack/down.sh

deploy: $(if $(filter local,$(STAGE)),up) deploy-stacks ## Deploy every stack (on the local stage, start the emulator first)

deploy-stacks: ## Deploy every stack to a running endpoint: platform first, then the four services in parallel
	@mkdir -p .run
	@echo "deploying saga-platform-$(STAGE)…"; SECONDS=0; $(SLS) deploy --stage $(STAGE) && echo "deployed saga-platform-$(STAGE) in $${SECONDS} s"
	@echo "deploying $(SERVICES) in parallel (logs in .run/deploy-<service>.log)…"; \
	pids=(); for s in $(SERVICES); do \
	  (SECONDS=0; cd services/$$s && $(SLS) deploy --stage $(STAGE) $(if $(PUBLISHER),--param="publisher=$(PUBLISHER)") > ../../.run/deploy-$$s.log 2>&1 \
	    && echo "deployed saga-$$s-$(STAGE) in $${SECONDS} s" || { echo "deploy of $$s failed after $${SECONDS} s:"; tail -40 ../../.run/deploy-$$s.log; exit 1; }) & pids+=($$!); \
	done; rc=0; for p in "$${pids[@]}"; do wait $$p || rc=1; done; exit $$rc

remove: ## Remove every stack of $(STAGE); off `local`, tables and queues are kept (DeletionPolicy Retain)
	@if [ "$(STAGE)" != local ]; then \
	  echo "Stage $(STAGE) keeps its data: every DynamoDB table (orders, sagas, stock, payments, points, outboxes, dedupe and"; \
	  echo "request-key records, all with point-in-time recovery) and every SQS queue (inboxes, dead letters) has"; \
	  echo "DeletionPolicy Retain (the dataRetention stage parameter). They stay, named saga-<service>-$(STAGE)-*, after the"; \
	  echo "stacks are gone; a redeploy of the same stage fails on their names until you delete or import them."; \
	fi
	-@for s in $(SERVICES); do (cd services/$$s && $(SLS) remove --stage $(STAGE)); done
	-$(SLS) remove --stage $(STAGE)

seed: ## Load demo products, stock and payment accounts
	$(TSX) scripts/seed.ts

demo: deploy seed ## Emulator up, stacks deployed, real orders through the saga, saga state printed
	$(TSX) scripts/demo.ts

chaos: ## Chaos run with faults on, then invariants: make chaos [ORDERS=200 CONCURRENCY=10]
	ORDERS=$(ORDERS) CONCURRENCY=$(CONCURRENCY) $(TSX) scripts/chaos.ts

docs: ## Regenerate what is derived from the event registry and HTTP schemas (README events table, docs/)
	$(TSX) scripts/generateDocs.ts

bench: ## Full saga benchmark (requests, units, cost, partition shares) into bench/out/: make bench [N=500 CONCURRENCY=10 SWEEPER_N=10]
	N=$(N) CONCURRENCY=$(CONCURRENCY) SWEEPER_N=$(SWEEPER_N) $(TSX) bench/run.ts

bench-latency: ## Sagas one at a time beside the floor probe (deployed when absent), into bench/out/: make bench-latency [N=100]
	N=$(N) $(TSX) bench/latency.ts

bench-throughput: ## Open-loop arrival rates, knee and CPU per saga, into bench/out/: make bench-throughput [QUICK=1] [RATES=5,10,20,40,80 STEP_SECONDS=60]
	QUICK=$(QUICK) RATES=$(RATES) STEP_SECONDS=$(STEP_SECONDS) DRAIN_SECONDS=$(DRAIN_SECONDS) $(TSX) bench/throughput.ts

bench-report: ## Copy the last runs' report and charts from bench/out/ into the committed bench/REPORT.md and SVGs [BENCH_NOTE="conditions"]
	BENCH_NOTE="$(BENCH_NOTE)" $(TSX) bench/report.ts

redrive: ## Move every service's dead letters back to its inbox after a fix
	$(TSX) scripts/redrive.ts

explorer: ## Serve the saga explorer page on http://127.0.0.1:$(EXPLORER_PORT) (default 8088)
	$(TSX) explorer/main.ts

browser: install ## The Chromium the browser test drives: CHROMIUM_PATH, an installed one, or @sparticuz/chromium (no root)
	@$(TSX) scripts/browser.ts

saga: ## Print one saga as a timeline: make saga ORDER=<orderId or sagaId>
	@$(TSX) scripts/saga.ts $(ORDER)

order: ## Place one order from the shell: make order [CUSTOMER=customer-123 PRODUCT=product-1 QTY=1]
	@CUSTOMER=$(CUSTOMER) PRODUCT=$(PRODUCT) QTY=$(QTY) $(TSX) scripts/order.ts

sagas: ## Recent or stuck sagas via the StatusIndex: make sagas [STATUS=STARTED] [LIMIT=20]
	@STATUS=$(STATUS) LIMIT=$(LIMIT) $(TSX) scripts/sagas.ts

hops: ## Where a run's saga time went, hop by hop: make hops [SINCE=<ISO time>] [ORDERS=<id,id>]; scans tables: for an emulator
	@SINCE=$(SINCE) ORDERS=$(ORDERS) $(TSX) scripts/hops.ts

validate: ## cfn-lint every template `sls deploy`/`sls package` produced; fails on errors (warnings are printed)
	@ls .serverless/cloudformation-template-update-stack.json $(foreach s,$(SERVICES),services/$(s)/.serverless/cloudformation-template-update-stack.json) >/dev/null
	@.venv/bin/cfn-lint --format parseable .serverless/cloudformation-template-update-stack.json \
	  $(foreach s,$(SERVICES),services/$(s)/.serverless/cloudformation-template-update-stack.json); \
	  rc=$$?; if [ $$((rc & 2)) -ne 0 ]; then echo "cfn-lint: errors"; exit 1; fi; echo "cfn-lint: 0 errors (exit $$rc)"

scan: install ## checkov over the prod templates of both publisher modes (own venv .venv-scan); fails on any failed check
	@scripts/scan.sh

lint: install ## Biome lint and format check
	npx biome check .

typecheck: install ## TypeScript strict type check
	npx tsc -p tsconfig.json --noEmit

test-unit: install ## Unit tests (in-memory fakes, and DynamoDB Local for the repositories)
	$(JEST) --selectProjects unit

test-integration: ## Integration tests against the deployed stacks on the running emulator
	$(JEST) --selectProjects integration --runInBand

test-pipe: ## Redeploy the outbox services with publisher=pipe and run the pipe-mode suite
	$(MAKE) --no-print-directory deploy-stacks PUBLISHER=pipe
	$(JEST) --selectProjects pipe --runInBand

test: doctor install ## Everything CI runs: lint, types, unit, then emulator + deploy + integration; stops what it started
	@scripts/test.sh

clean: down ## Remove build output and local state
	rm -rf .run .serverless services/*/.serverless services/*/.esbuild
