# voicemap API image: a static binary on distroless, run as a non-root user.
#   docker build -t voicemap .
#   mkdir -p keys && go run . keys new -id admin -role admin -file keys/keys.jsonl
#   docker run -p 127.0.0.1:8080:8080 -v voicemap-data:/data -v "$PWD/keys:/keys:ro" voicemap -demo
#
# The server listens on all interfaces inside the container, so it needs API
# keys (it refuses to start without them): the keys file is read from
# /keys/keys.jsonl (VOICEMAP_KEYS_FILE), a directory mounted read-only.
#
# Base images are pinned: golang by its version (the go.mod toolchain),
# distroless by digest (it has no version tags; the digest is the
# static-debian12:nonroot image the tag named when it was pinned). To move to
# a newer distroless: docker buildx imagetools inspect gcr.io/distroless/static-debian12:nonroot

FROM golang:1.26.8 AS build
WORKDIR /src
# Modules first, so that source changes reuse the download layer.
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/voicemap . \
 && mkdir -p /out/data

FROM gcr.io/distroless/static-debian12:nonroot@sha256:d093aa3e30dbadd3efe1310db061a14da60299baff8450a17fe0ccc514a16639
COPY --from=build /out/voicemap /usr/local/bin/voicemap
# The embedded store's directory, also the audit log's and its key's,
# owned by the nonroot user (uid 65532).
COPY --from=build --chown=65532:65532 /out/data /data
# Listen on all interfaces inside the container; publish the port on the
# host's loopback (see docker-compose.yml). The embedded store is used unless
# NEO4J_URI is set.
ENV VOICEMAP_ADDR=0.0.0.0:8080 \
    VOICEMAP_DATA=/data/voicemap.db \
    VOICEMAP_KEYS_FILE=/keys/keys.jsonl \
    VOICEMAP_LOG_FORMAT=json
USER nonroot:nonroot
EXPOSE 8080
VOLUME ["/data"]
# distroless has no shell or curl: the binary checks itself (GET /readyz on
# VOICEMAP_ADDR, exit 0 when ready).
HEALTHCHECK --interval=10s --timeout=6s --start-period=60s --retries=3 \
  CMD ["/usr/local/bin/voicemap", "healthcheck"]
ENTRYPOINT ["/usr/local/bin/voicemap"]
