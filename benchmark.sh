#!/usr/bin/env bash
# Benchmark of issue 11: a stack of its own (issuer, Kafka broker, MongoDB-wire server, SMTP catcher, SMS sink,
# booking-, patient- and two notification-service instances, all service JVMs on production flags) on free ports with
# a fresh temporary data folder: it needs no running stack and never touches .data/. It prints availability (31 days)
# p50/p99, 1-client booking p50/p99, bookings/s with 8 clients (201 + event seen), GET /api/clinics requests/s,
# reminders/s with two instances and due-to-sent lag p50/p99, idle CPU of every process, and the raw floor (one insert
# + one acknowledged Kafka send per booking, bare clients) with the API/floor ratio.
#
# Usage: ./benchmark.sh [--no-build] [--history=N [--history-only] [--history-retention=true] [--seed-only]] [--quick]
#                       [--clients=8] [--bookings=400] [--warm-up-bookings=100] [--single-client-bookings=100]
#                       [--availability-calls=500] [--availability-warm-up=50] [--clinics-seconds=10]
#                       [--reminder-count=4000] [--reminder-rate=1000] [--reminder-threads=4] [--idle-seconds=60]
#                       [--mongo-uri=<mongodb://host:port/?options>] [--service-jvm="<JVM options>"] [--keep-data]
#   --history=N     two rounds on fresh stacks, side by side: the empty store, then N past appointments stored first
#                   (with their claims, notifications and deliveries) through the services' own storage code
#   --history-only  only the round with the history
#   --seed-only     only stores the history (and says how long it took and what it left), measures nothing
#   --history-retention=true  after the seeding, each service's own retention runs until it has nothing left to do
#                   (the store a year of hourly runs leaves: most of it archived; slow on the embedded server). By
#                   default the whole history stays hot and the services keep finished history 400 days, so their
#                   retention jobs run on schedule but find nothing due.
#   --quick         short phases (a couple of minutes per round), for trying it out:
#                   ./benchmark.sh --history=2000 --quick
#   --no-build      runs what benchmark/target holds (its services/ folder has the service jars of the last build)
#
# ./benchmark.sh --reminders [--no-build] [--count=4000] [--rate=2000] [--threads=4] [--keep-data] [--mongo-uri <uri>]
# measures the reminder path alone: one instance, then two; burst (capacity) and paced (lag) phases each.
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
