#!/usr/bin/env bash
# Benchmark of the booking path: availability latency (median, p99) and bookings per second through the HTTP API
# end to end, against the same writes done directly with the MongoDB and Kafka clients (the floor).
# Starts a local stack of its own (issuer, Kafka broker, MongoDB-wire server, booking- and patient-service) on free
# ports with a fresh temporary data folder: it needs no running stack and never touches .data/.
# Usage: ./benchmark.sh [--no-build] [--clients=8] [--bookings=400] [--warm-up-bookings=100]
#                       [--availability-calls=500] [--availability-warm-up=50] [--keep-data]
# --no-build runs what benchmark/target holds (its services/ folder has the service jars of the last build).
#
# ./benchmark.sh --reminders [--no-build] [--count=4000] [--rate=2000] [--threads=4] [--keep-data] [--mongo-uri <uri>]
# measures the reminder path instead: reminders sent per second by one and two notification-service instances to
# the local SMTP catcher and SMS sink, and the lag from due time to the provider taking it (median, p99).
# See the README, section Benchmark.
set -euo pipefail
cd "$(dirname "$0")"
args=()
build=1
for arg in "$@"; do
  if [[ "$arg" == "--no-build" ]]; then build=0; else args+=("$arg"); fi
done
if [[ "$build" == 1 ]]; then
  echo "Building (mvn -q -B -DskipTests package) ..."
  mvn -q -B -DskipTests package
fi
exec java -jar benchmark/target/benchmark.jar "${args[@]+"${args[@]}"}"
