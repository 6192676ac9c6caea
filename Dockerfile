# syntax=docker/dockerfile:1
#
# The Inkwell image. One image does both jobs: the default command serves HTTP, and
# `java -jar /app/inkwell.jar migrate` (the Kubernetes init container or Job) applies the changelog.
#
#   docker build -t registry.example.com/inkwell:0.1.0 .
#
# Stage 1 builds the jar with the Maven wrapper (tests are run by CI, not here: they need a
# PostgreSQL). The jar leaves out the embedded PostgreSQL of dev mode and the tests, an optional
# dependency in the pom. Stage 2 runs Spring Boot's layered extraction on a JRE as a non-root
# user, so a code change rebuilds only the last, small layer.

ARG JAVA_VERSION=17

FROM eclipse-temurin:${JAVA_VERSION}-jdk-noble AS build
WORKDIR /workspace
# The build definition first: this layer and the dependency download are reused until the pom changes.
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -ntp -q dependency:go-offline
COPY liquibase/ liquibase/
COPY src/main/ src/main/
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -ntp -q -DskipTests package \
	&& java -Djarmode=tools -jar target/inkwell.jar extract --layers --destination /workspace/extracted

FROM eclipse-temurin:${JAVA_VERSION}-jre-noble
# A fixed numeric uid/gid: Kubernetes' runAsNonRoot can only verify a numeric USER, and the
# manifests' securityContext names the same ids.
RUN groupadd --system --gid 10001 inkwell \
	&& useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent \
		--shell /usr/sbin/nologin inkwell
WORKDIR /app
# Least to most often changed: third-party jars, the (empty) loader layer, snapshot jars, our jar.
COPY --from=build /workspace/extracted/dependencies/ ./
COPY --from=build /workspace/extracted/spring-boot-loader/ ./
COPY --from=build /workspace/extracted/snapshot-dependencies/ ./
COPY --from=build /workspace/extracted/application/ ./
USER 10001:10001
# Heap from the container's memory limit, not the node's: half of it, since with 8,000 open
# connections the rest of the process (metaspace, code cache, thread stacks, Netty's buffers)
# needs about 256 MiB (DockerfileTests); fail fast instead of limping on after
# an OutOfMemoryError (Kubernetes restarts the container). /tmp is the one writable directory
# (an emptyDir under a read-only root filesystem).
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=50 -XX:InitialRAMPercentage=50 -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp"
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/inkwell.jar"]
