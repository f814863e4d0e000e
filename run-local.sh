#!/usr/bin/env bash
# Runs the whole Clinic Backbone locally with embedded infrastructure (Kafka broker, MongoDB-wire server, SMTP
# catcher, SMS sink and inbox) and demo data. Needs only a JDK 17 and Maven. Data: .data/ (delete it to start over).
# Ctrl-C stops every process it started.
set -euo pipefail
cd "$(dirname "$0")"
echo "Building (mvn -q -B -DskipTests install) ..."
mvn -q -B -DskipTests install
exec java -jar local-stack/target/local-stack.jar "$@"
