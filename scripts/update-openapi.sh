#!/usr/bin/env bash
# Refreshes the web UI's copy of the API's OpenAPI document (webui/openapi.json) and the
# TypeScript types generated from it (webui/src/lib/api-types.ts). OpenApiSnapshotIT fails the
# build until both are committed after an API change. Boots only the API's test context (on its
# embedded MariaDB), not the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/java-home.sh
pick_java_home
export JAVA_HOME

# The api module needs its siblings installed; webui is skipped as a build step (its tests and
# bundle do not matter for the document) but must be in the local repository.
./mvnw -B -ntp -q install -DskipTests -pl .,license-client,node-protocol,testserver,webui
./mvnw -B -ntp -q verify -pl api -Dtest=NONE -Dit.test=OpenApiSnapshotIT,ProbeContractIT#theWebUisFixtureIsTheApisAnswer \
  -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false \
  -Dwaddleperf.galera.skip=true -Dwaddleperf.openapi.update=true
npm --prefix webui run gen:api
echo "Updated webui/openapi.json and webui/src/lib/api-types.ts; commit both."
