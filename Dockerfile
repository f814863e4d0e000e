# Builds one service image: docker build --build-arg SERVICE=booking-service .
FROM maven:3.9-eclipse-temurin-17 AS build
ARG SERVICE
WORKDIR /src
COPY . .
RUN mvn -q -B -DskipTests -pl ${SERVICE} -am package

FROM eclipse-temurin:17-jre
ARG SERVICE
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
COPY --from=build /src/${SERVICE}/target/${SERVICE}.jar /app/app.jar
USER 1000
# Production JVM flags (full JIT, G1, heap sized to the container); docker-compose.yml sets a fixed heap per service.
# The local stack's start-up flags (-XX:TieredStopAtLevel=1, serial GC) are not for here: see the README.
ENV JAVA_OPTS="-XX:+UseG1GC -XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/app.jar \"$@\"", "app"]
