# The README's two commands are `make run` and `make test`; everything they need is set up here.
# The functions are compiled for Java 25 (Lambda's java25 runtime): local/find-jdk picks a JDK 25 or later, from
# JAVA_HOME, the PATH or the usual install folders, and Maven and every java command here run on it.
JAVA_HOME := $(shell local/find-jdk 25)
ifeq ($(JAVA_HOME),)
$(error no JDK 25 found: see the message above)
endif
export JAVA_HOME
export PATH := $(JAVA_HOME)/bin:$(PATH)
MVN       ?= mvn -B -q
JAVA      := $(JAVA_HOME)/bin/java
VENV      := .venv
SAM       := $(VENV)/bin/sam
# SAM CLI's telemetry would try to reach AWS from every command; no AWS call is needed to validate and build.
export SAM_CLI_TELEMETRY := 0
# `make fuzz`'s settings, from the command line (make fuzz FUZZ_EXAMPLES=500) or the environment, for local/fuzz/run.sh.
export FUZZ_EXAMPLES FUZZ_SEED FUZZ_PHASES FUZZ_WORKERS FUZZ_ARGS
MOTO      := $(VENV)/bin/moto_server
CLASSPATH := local/server/target/classpath.txt
LOCAL_JAVA = $(JAVA) -XX:TieredStopAtLevel=1 -cp local/server/target/classes:$$(cat $(CLASSPATH))

.PHONY: run test lint format fuzz venv build package deploy-check deploy seed admin-token bench bench-mailing clean

## run: build, start moto, create the table, load the seeds and serve the API on http://127.0.0.1:3000
run: venv build
	$(LOCAL_JAVA) fr.nogentech.events.local.LocalRun

## test: every test tier (unit, handlers replaying events/, moto, LocalStack where Docker is, end to end)
test: venv lint
	mvn -B verify

## lint: cfn-lint on template.yaml (it applies the SAM transform first); the OpenAPI document against its spec
lint: venv
	$(VENV)/bin/cfn-lint template.yaml
	$(VENV)/bin/openapi-spec-validator docs/openapi.yaml

## format: palantir-java-format (Spotless) on every module's Java sources; `make test` fails on code it would change
format:
	$(MVN) spotless:apply

## fuzz: schemathesis runs every operation of docs/openapi.yaml against a fresh development server on free ports
## (FUZZ_EXAMPLES per operation and phase, default 300; FUZZ_SEED; FUZZ_PHASES; FUZZ_ARGS: see local/fuzz/README.md)
# Built by the reactor from this tree, with a classpath of the reactor's own jars (not ~/.m2's installed SNAPSHOTs).
fuzz: venv
	$(MVN) package -DskipTests dependency:build-classpath -Dmdep.outputFile=target/fuzz-classpath.txt -pl local/server -am
	local/fuzz/run.sh

## package: every function's deployment zip (functions/NAME/target/NAME-lambda.zip), built by the reactor from the tree
## (with the SDK's service jars shrunk by ProGuard: functions/proguard.pro), and the class path of the package check
package:
	$(MVN) package -DskipTests -Dshrink dependency:build-classpath -Dmdep.outputFile=target/package-classpath.txt -DincludeScope=runtime

## deploy-check: what `sam deploy` would ship, without AWS: sam validate --lint, then sam build on fresh zips, then
## each function's zip alone on a fresh JVM, its handler running events/ against moto (PackagedFunctionsCheck)
deploy-check: venv package
	$(SAM) validate --lint
	$(SAM) build
	$(VENV)/bin/python local/check-build.py .aws-sam/build/template.yaml
	$(JAVA) -cp local/server/target/classes:$$(cat local/server/target/package-classpath.txt) fr.nogentech.events.local.PackagedFunctionsCheck

## deploy: deploy-check, then sam deploy with samconfig.toml's defaults (AWS credentials and secrets needed)
deploy: deploy-check
	$(SAM) deploy $(DEPLOY_ARGS)

## venv: the Python virtual environment with moto, cfn-lint and the SAM CLI, inside the repository
venv: $(MOTO)

$(MOTO): local/requirements.txt
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r local/requirements.txt
	touch $(MOTO)

build:
	$(MVN) install -DskipTests
	$(MVN) -pl local/server dependency:build-classpath -Dmdep.outputFile=target/classpath.txt

## seed TABLE=<name>: load seeds/ into a table (AWS settings from the usual AWS_* variables or profile)
seed: build
	@test -n "$(TABLE)" || { echo "usage: make seed TABLE=<events table name>"; exit 2; }
	$(LOCAL_JAVA) fr.nogentech.events.local.SeedCommand "$(TABLE)"

## admin-token NAME=<name>: a new administrator token and the pair to add to AdminTokenHashes
admin-token: build
	@test -n "$(NAME)" || { echo "usage: make admin-token NAME=<administrator's name>"; exit 2; }
	@$(LOCAL_JAVA) fr.nogentech.events.local.AdminTokenCommand "$(NAME)"

## bench: every function of template.yaml in fresh JVMs against moto: cold start, first request after SnapStart's
## hooks (and after the handler's own hooks alone), warm p50/p99 beside the bare SDK calls, memory, package size, read cost
## (RUNS=5, WARM=200, FUNCTIONS=a,b for a few; bench/README.md)
# Built by the reactor from this tree, as `make fuzz` is: each module's runtime classpath is of the reactor's own jars
# (target/bench-classpath.txt), not of ~/.m2's installed SNAPSHOTs, and the zips measured are this build's.
BENCH_CLASSPATH = $(MVN) package -DskipTests dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -DincludeScope=runtime
bench: venv
	$(BENCH_CLASSPATH) -Dshrink
	$(JAVA) -cp bench/target/classes:$$(cat bench/target/bench-classpath.txt) fr.nogentech.events.bench.ColdStartBench

## bench-mailing: a month's mailing to SUBSCRIBERS (10,000) subscribers against moto, per-recipient costs
bench-mailing: venv
	$(BENCH_CLASSPATH) -pl bench -am
	$(JAVA) -cp bench/target/classes:$$(cat bench/target/bench-classpath.txt) fr.nogentech.events.bench.MailingBench

clean:
	mvn -B -q clean
	rm -rf $(VENV) .aws-sam
