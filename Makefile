# Everything a user or CI runs. `make demo` and `make test` work on a fresh machine.
SHELL := /bin/bash
.DEFAULT_GOAL := help

STAGE ?= local
EMULATOR_PORT ?= 4566
SERVICES := orders inventory payments rewards
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

.PHONY: help install up down deploy deploy-stacks remove seed demo chaos redrive validate saga sagas explorer browser bench test test-unit test-integration test-pipe lint typecheck saga clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-18s %s\n", $$1, $$2}'

install: node_modules/.install-stamp .venv/.install-stamp ## Install npm and Python dependencies (offline-capable registries only)

node_modules/.install-stamp: package.json package-lock.json shared/package.json $(foreach s,$(SERVICES),services/$(s)/package.json)
	@# `npm install` honours the lockfile; `npm ci` rejects lockfiles this npm (11.19) writes itself
	@# (optional per-platform packages missing), so it cannot be used here.
	npm install --no-audit --no-fund
	@touch $@

.venv/.install-stamp: localstack/requirements.txt
	python3 -m venv .venv
	.venv/bin/pip install --quiet --disable-pip-version-check -r localstack/requirements.txt
	@touch $@

up: install ## Start the emulator on 127.0.0.1:$(EMULATOR_PORT): EMULATOR=localstack|localstack-host|ministack (default: LocalStack if Docker answers, else MiniStack)
	@localstack/up.sh

down: ## Stop what `make up` started
	@localstack/down.sh

deploy: $(if $(filter local,$(STAGE)),up) deploy-stacks ## Deploy every stack (on the local stage, start the emulator first)

deploy-stacks: ## Deploy every stack to a running endpoint: platform first, then the four services in parallel
	@mkdir -p .run
	$(SLS) deploy --stage $(STAGE)
	@pids=(); for s in $(SERVICES); do \
	  (cd services/$$s && $(SLS) deploy --stage $(STAGE) $(if $(PUBLISHER),--param="publisher=$(PUBLISHER)") > ../../.run/deploy-$$s.log 2>&1 \
	    && echo "deployed saga-$$s-$(STAGE)" || { echo "deploy of $$s failed:"; tail -40 ../../.run/deploy-$$s.log; exit 1; }) & pids+=($$!); \
	done; rc=0; for p in "$${pids[@]}"; do wait $$p || rc=1; done; exit $$rc

remove: ## Remove every stack of $(STAGE)
	-@for s in $(SERVICES); do (cd services/$$s && $(SLS) remove --stage $(STAGE)); done
	-$(SLS) remove --stage $(STAGE)

seed: ## Load demo products, stock and payment accounts
	$(TSX) scripts/seed.ts

demo: deploy seed ## Emulator up, stacks deployed, real orders through the saga, saga state printed
	$(TSX) scripts/demo.ts

chaos: ## Chaos run with faults on, then invariants: make chaos [ORDERS=200 CONCURRENCY=10]
	ORDERS=$(ORDERS) CONCURRENCY=$(CONCURRENCY) $(TSX) scripts/chaos.ts

bench: ## Saga benchmark on the deployed stacks: make bench [N=500 CONCURRENCY=10 SWEEPER_N=10]
	N=$(N) CONCURRENCY=$(CONCURRENCY) SWEEPER_N=$(SWEEPER_N) $(TSX) bench/run.ts

redrive: ## Move every service's dead letters back to its inbox after a fix
	$(TSX) scripts/redrive.ts

explorer: ## Serve the saga explorer page on http://127.0.0.1:$(EXPLORER_PORT) (default 8088)
	$(TSX) explorer/main.ts

browser: ## Debian chromium for the browser test (installed once, when missing)
	@command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
	@chromium --version

saga: ## Print one saga as a timeline: make saga ORDER=<orderId>
	@$(TSX) scripts/saga.ts $(ORDER)

sagas: ## Recent or stuck sagas via the StatusIndex: make sagas [STATUS=STARTED] [LIMIT=20]
	@STATUS=$(STATUS) LIMIT=$(LIMIT) $(TSX) scripts/sagas.ts

validate: ## cfn-lint every template `sls deploy`/`sls package` produced; fails on errors (warnings are printed)
	@ls .serverless/cloudformation-template-update-stack.json $(foreach s,$(SERVICES),services/$(s)/.serverless/cloudformation-template-update-stack.json) >/dev/null
	@.venv/bin/cfn-lint --format parseable .serverless/cloudformation-template-update-stack.json \
	  $(foreach s,$(SERVICES),services/$(s)/.serverless/cloudformation-template-update-stack.json); \
	  rc=$$?; if [ $$((rc & 2)) -ne 0 ]; then echo "cfn-lint: errors"; exit 1; fi; echo "cfn-lint: 0 errors (exit $$rc)"

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

test: install browser ## Everything CI runs: lint, types, unit, then emulator + deploy + integration; stops what it started
	@scripts/test.sh

clean: down ## Remove build output and local state
	rm -rf .run .serverless services/*/.serverless services/*/.esbuild
